import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { activities, auditLog, contacts, users } from "@/db/schema";
import { makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";
import { contactActions } from "./actions";
import { AT_LEAST_ONE_IDENTIFIER } from "./create";
import { loadContactSnapshot } from "./snapshot";
import { actAs, typedUsPhone } from "@/lib/testing/act-as";

describe("creating a contact", () => {
  it("reads a phone without + in the workspace's country, generates a Contact ID, defaults stage and source", async () => {
    const agent = await makeUser("agent");
    const [typed, e164] = typedUsPhone();
    const email = `${unique("new")}@Example.test`;
    const out = await actAs(agent, contactActions.create, { firstName: "Ada", lastName: "Lovelace", phone: typed, email, company: "" });
    expect(out.ok).toBe(true);
    const { id, contactKey } = (out.ok && out.data) as { id: number; contactKey: string };
    expect(contactKey).toMatch(/^C-[0-9A-HJKMNP-TV-Z]{8}$/);
    const snap = (await loadContactSnapshot(db, id))!;
    expect(snap.contact).toMatchObject({ fullName: "Ada Lovelace", leadStage: "contact", source: "manual", company: null, version: 1 });
    expect(snap.phones).toEqual([expect.objectContaining({ e164, isPrimary: true })]);
    // One stored form for every door: lower-cased, as the import stores it (lib/fields/email.ts).
    expect(snap.emails).toEqual([expect.objectContaining({ email: email.toLowerCase(), emailNormalized: email.toLowerCase(), isPrimary: true })]);
    const timeline = await db.select().from(activities).where(eq(activities.contactId, id));
    expect(timeline).toEqual([expect.objectContaining({ type: "created", actorId: agent.id })]);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "contact"), eq(auditLog.entityId, String(id))));
    expect(entry).toMatchObject({ action: "contact.create", actorId: agent.id, before: null });
    expect(entry!.after).toMatchObject({ contact: { contactKey }, phones: [{ e164 }] });
  });

  it("requires an e-mail, a phone or a Contact ID, and a Contact ID alone is enough", async () => {
    const agent = await makeUser("agent");
    const none = await actAs(agent, contactActions.create, { firstName: "Only", lastName: "Names", email: " ", phone: "", contactKey: "" });
    expect(none).toEqual({ ok: false, message: AT_LEAST_ONE_IDENTIFIER });
    const key = unique("CRM-");
    const keyOnly = await actAs(agent, contactActions.create, { contactKey: key });
    expect(keyOnly).toMatchObject({ ok: true, data: { contactKey: key } });
  });

  it("refuses an invalid phone, e-mail or Contact ID with a message on each field, and saves nothing", async () => {
    const agent = await makeUser("agent");
    const name = unique("Bad");
    const out = await actAs(agent, contactActions.create, { lastName: name, phone: "555-CALL-NOW", email: "not-an-email", contactKey: "has space" });
    expect(out.ok).toBe(false);
    expect(!out.ok && out.fieldErrors).toMatchObject({
      phone: [expect.stringContaining("is not a phone number")],
      email: ['"not-an-email" is not a valid e-mail address.'],
      contactKey: [expect.stringContaining("no spaces")],
    });
    const short = await actAs(agent, contactActions.create, { lastName: name, phone: "12" });
    expect(!short.ok && short.fieldErrors?.phone?.[0]).toMatch(/not a valid phone number for US/);
    expect(await db.select().from(contacts).where(eq(contacts.lastName, name))).toHaveLength(0);
  });

  it("refuses a phone or e-mail another contact holds, in any formatting, naming that contact", async () => {
    const agent = await makeUser("agent");
    const phone = uniquePhone();
    const email = `${unique("held")}@example.test`;
    const holder = await makeContact({ firstName: "Grace", lastName: unique("Hopper") }, { phones: [phone], emails: [email] });
    const typed = `+1 ${phone.slice(2, 5)}.${phone.slice(5, 8)}.${phone.slice(8)}`;
    const out = await actAs(agent, contactActions.create, { firstName: "Other", phone: typed });
    expect(out).toMatchObject({
      ok: false,
      message: `This phone number belongs to ${holder.firstName} ${holder.lastName}.`,
      fieldErrors: { phone: [`This phone number belongs to ${holder.firstName} ${holder.lastName}.`] },
      details: { reason: "identifier", contactId: holder.id, name: `${holder.firstName} ${holder.lastName}` },
    });
    const both = await actAs(agent, contactActions.create, { phone, email: `  ${email.toUpperCase()} ` });
    expect(!both.ok && Object.keys(both.fieldErrors ?? {}).sort()).toEqual(["email", "phone"]);
  });

  it("refuses a phone or e-mail that belongs to a user", async () => {
    const agent = await makeUser("agent");
    const staff = await makeUser("agent");
    const phone = uniquePhone();
    await db.update(users).set({ phone }).where(eq(users.id, staff.id));
    const byMail = await actAs(agent, contactActions.create, { email: staff.email.toUpperCase() });
    expect(byMail).toMatchObject({ ok: false, message: "This email address belongs to a Switchboard user, so it cannot also be a contact's." });
    const byPhone = await actAs(agent, contactActions.create, { phone });
    expect(byPhone).toMatchObject({ ok: false, fieldErrors: { phone: [expect.stringContaining("belongs to a Switchboard user")] } });
  });

  it("keeps a given Contact ID unique, naming the contact that has it", async () => {
    const agent = await makeUser("agent");
    const holder = await makeContact({ firstName: "Key", lastName: unique("Holder") });
    const out = await actAs(agent, contactActions.create, { contactKey: holder.contactKey, firstName: "Second" });
    expect(out).toMatchObject({
      ok: false,
      message: `The contact ID ${holder.contactKey} is already used by Key ${holder.lastName}.`,
      fieldErrors: { contactKey: [expect.any(String)] },
    });
  });

  it("lets exactly one of two simultaneous creates with the same new number win; the other gets the conflict", async () => {
    const agent = await makeUser("agent");
    for (let round = 0; round < 3; round++) {
      const phone = uniquePhone();
      const names = [unique("Racer"), unique("Racer"), unique("Racer")];
      const results = await Promise.all(names.map((lastName) => actAs(agent, contactActions.create, { lastName, phone })));
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const winnerName = names[results.findIndex((r) => r.ok)];
      for (const loser of results.filter((r) => !r.ok)) {
        expect(loser).toMatchObject({ ok: false, message: `This phone number belongs to ${winnerName}.` });
      }
    }
  });
});
