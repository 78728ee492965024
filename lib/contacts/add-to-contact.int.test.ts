import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { activities, auditLog, contacts } from "@/db/schema";
import { actAs } from "@/lib/testing/act-as";
import { makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";
import { contactActions } from "./actions";
import { loadContactSnapshot } from "./snapshot";

describe("Add to <holder> instead (the New contact form's conflict)", () => {
  it("adds the typed e-mail and phone to the holder, fills only its empty names, and creates nothing", async () => {
    const supervisor = await makeUser("supervisor");
    const held = `${unique("held")}@example.test`;
    const holder = await makeContact({ firstName: "Ada", lastName: null, company: null }, { emails: [held] });
    const before = await db.$count(contacts);
    const phone = uniquePhone();
    const result = await actAs(supervisor, contactActions.addToContact, {
      contactId: holder.id,
      firstName: "Someone Else",
      lastName: "Lovelace",
      company: "Analytical Engines",
      email: held.toUpperCase(),
      phone,
    });
    expect(result).toMatchObject({ ok: true, data: { id: holder.id, added: 3 } });
    const after = (await loadContactSnapshot(db, holder.id))!;
    expect(after.emails.map((e) => e.emailNormalized)).toEqual([held]);
    expect(after.phones.map((p) => p.e164)).toEqual([phone]);
    // The holder's own first name is kept; its empty last name and company are filled.
    expect(after.contact).toMatchObject({ firstName: "Ada", lastName: "Lovelace", company: "Analytical Engines" });
    expect(await db.$count(contacts)).toBe(before);
    const events = await db.select({ summary: activities.summary }).from(activities).where(eq(activities.contactId, holder.id));
    expect(events.map((e) => e.summary).sort()).toEqual(["Company set to “Analytical Engines”", "Last name set to “Lovelace”", expect.stringMatching(/^Phone .+ added$/)].sort());
    expect(await db.$count(auditLog, and(eq(auditLog.entityType, "contact"), eq(auditLog.entityId, String(holder.id))))).toBe(3);
  });

  it("refuses the whole when one value is refused, naming the form's field, and writes nothing", async () => {
    const supervisor = await makeUser("supervisor");
    const holder = await makeContact({ company: null });
    const result = await actAs(supervisor, contactActions.addToContact, {
      contactId: holder.id,
      email: `${unique("new")}@example.test`,
      phone: "not a phone",
    });
    expect(result).toMatchObject({ ok: false, fieldErrors: { phone: [expect.any(String)] } });
    const after = (await loadContactSnapshot(db, holder.id))!;
    expect(after.emails).toEqual([]);
    expect(after.contact.version).toBe(holder.version);
  });

  it("is for the roles that may merge: an agent is refused", async () => {
    const agent = await makeUser("agent");
    const holder = await makeContact();
    const result = await actAs(agent, contactActions.addToContact, { contactId: holder.id, email: `${unique("a")}@example.test` });
    expect(result.ok).toBe(false);
    expect((await loadContactSnapshot(db, holder.id))!.emails).toEqual([]);
  });
});
