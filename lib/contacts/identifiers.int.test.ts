import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { contactPhones, contacts, users } from "@/db/schema";
import { makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";
import { contactActions } from "./actions";
import { loadContactSnapshot } from "./snapshot";
import { actAs } from "@/lib/testing/act-as";
import { STALE_MESSAGE } from "./write";

async function versionOf(id: number) {
  const [row] = await db.select({ version: contacts.version }).from(contacts).where(eq(contacts.id, id));
  return row!.version;
}

describe("phones and e-mails on a profile", () => {
  it("adds phones and e-mails, the first of each primary, and bumps the version each time", async () => {
    const agent = await makeUser("agent");
    const c = await makeContact();
    const phone = uniquePhone();
    const typed = `+1 (${phone.slice(2, 5)}) ${phone.slice(5, 8)} ${phone.slice(8)}`;
    expect(await actAs(agent, contactActions.addPhone, { contactId: c.id, version: 1, phone: typed })).toMatchObject({ ok: true, data: { e164: phone } });
    const email1 = `${unique("a")}@example.test`;
    const email2 = `${unique("b")}@example.test`;
    expect((await actAs(agent, contactActions.addEmail, { contactId: c.id, version: 2, email: email1 })).ok).toBe(true);
    expect((await actAs(agent, contactActions.addEmail, { contactId: c.id, version: 3, email: email2 })).ok).toBe(true);
    const snap = (await loadContactSnapshot(db, c.id))!;
    expect(snap.phones).toEqual([expect.objectContaining({ e164: phone, isPrimary: true })]);
    expect(snap.emails.map((e) => [e.email, e.isPrimary])).toEqual([[email1, true], [email2, false]]);
    expect(snap.contact.version).toBe(4);
    expect(snap.contact.updatedAt.getTime()).toBeGreaterThan(c.updatedAt.getTime());
  });

  it("refuses invalid input and an identifier the contact already has", async () => {
    const agent = await makeUser("agent");
    const phone = uniquePhone();
    const c = await makeContact({}, { phones: [phone] });
    expect(await actAs(agent, contactActions.addPhone, { contactId: c.id, version: 1, phone: "12" })).toMatchObject({
      ok: false,
      fieldErrors: { phone: [expect.stringContaining("not a valid phone number")] },
    });
    expect(await actAs(agent, contactActions.addEmail, { contactId: c.id, version: 1, email: "nope@" })).toMatchObject({
      ok: false,
      fieldErrors: { email: ['"nope@" is not a valid e-mail address.'] },
    });
    expect(await actAs(agent, contactActions.addPhone, { contactId: c.id, version: 1, phone })).toMatchObject({
      ok: false,
      message: "This contact already has this phone number.",
    });
    expect(await versionOf(c.id)).toBe(1);
  });

  it("refuses another contact's e-mail in any case, naming and linking that contact", async () => {
    const agent = await makeUser("agent");
    const email = `${unique("taken")}@Example.test`;
    const holder = await makeContact({ firstName: "Ada", lastName: unique("Lovelace") }, { emails: [email] });
    const c = await makeContact();
    const out = await actAs(agent, contactActions.addEmail, { contactId: c.id, version: 1, email: ` ${email.toUpperCase()} ` });
    const name = `Ada ${holder.lastName}`;
    expect(out).toEqual({
      ok: false,
      message: `This email address belongs to ${name}.`,
      fieldErrors: { email: [`This email address belongs to ${name}.`] },
      details: { reason: "identifier", kind: "email", field: "email", contactId: holder.id, contactKey: holder.contactKey, name },
    });
  });

  it("names an unnamed holder by company, else by Contact ID", async () => {
    const agent = await makeUser("agent");
    const phone = uniquePhone();
    const holder = await makeContact({ firstName: null, lastName: null, company: null }, { phones: [phone] });
    const c = await makeContact();
    const out = await actAs(agent, contactActions.addPhone, { contactId: c.id, version: 1, phone });
    expect(out).toMatchObject({ ok: false, message: `This phone number belongs to ${holder.contactKey}.` });
  });

  it("refuses a phone or e-mail of a user", async () => {
    const agent = await makeUser("agent");
    const staff = await makeUser("supervisor");
    const phone = uniquePhone();
    await db.update(users).set({ phone }).where(eq(users.id, staff.id));
    const c = await makeContact();
    expect(await actAs(agent, contactActions.addPhone, { contactId: c.id, version: 1, phone })).toMatchObject({
      ok: false,
      message: "This phone number belongs to a Switchboard user, so it cannot also be a contact's.",
    });
    expect(await actAs(agent, contactActions.addEmail, { contactId: c.id, version: 1, email: staff.email })).toMatchObject({
      ok: false,
      message: "This email address belongs to a Switchboard user, so it cannot also be a contact's.",
    });
  });

  it("two agents saving the same new number on two contacts at the same moment: one wins, the other gets the conflict, never a 500", async () => {
    const agents = await Promise.all([makeUser("agent"), makeUser("agent")]);
    for (let round = 0; round < 4; round++) {
      const phone = uniquePhone();
      const owners = await Promise.all([0, 1].map(() => makeContact({ firstName: "Racer", lastName: unique("R") })));
      const results = await Promise.all(
        owners.map((o, i) => actAs(agents[i]!, contactActions.addPhone, { contactId: o.id, version: 1, phone })),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const winner = owners[results.findIndex((r) => r.ok)]!;
      const loser = results.find((r) => !r.ok)!;
      expect(loser).toMatchObject({
        ok: false,
        message: `This phone number belongs to Racer ${winner.lastName}.`,
        details: { contactId: winner.id },
      });
      const held = await db.select().from(contactPhones).where(eq(contactPhones.e164, phone));
      expect(held.map((h) => h.contactId)).toEqual([winner.id]);
    }
  });

  it("removes identifiers, promoting the oldest remaining to primary, and makes another primary", async () => {
    const agent = await makeUser("agent");
    const phones = [uniquePhone(), uniquePhone(), uniquePhone()];
    const c = await makeContact({}, { phones });
    let snap = (await loadContactSnapshot(db, c.id))!;
    const [p0, p1, p2] = snap.phones;
    expect(
      await actAs(agent, contactActions.makePrimary, { contactId: c.id, version: 1, kind: "phone", identifierId: p2!.id }),
    ).toMatchObject({ ok: true });
    snap = (await loadContactSnapshot(db, c.id))!;
    expect(snap.phones.filter((p) => p.isPrimary).map((p) => p.id)).toEqual([p2!.id]);
    await actAs(agent, contactActions.removeIdentifier, { contactId: c.id, version: 2, kind: "phone", identifierId: p2!.id });
    snap = (await loadContactSnapshot(db, c.id))!;
    expect(snap.phones.map((p) => [p.id, p.isPrimary])).toEqual([[p0!.id, true], [p1!.id, false]]);
    const other = await makeContact({}, { phones: [uniquePhone()] });
    const [foreign] = (await loadContactSnapshot(db, other.id))!.phones;
    expect(
      await actAs(agent, contactActions.removeIdentifier, { contactId: c.id, version: 3, kind: "phone", identifierId: foreign!.id }),
    ).toMatchObject({ ok: false, message: "That phone number is no longer on this contact." });
    expect((await loadContactSnapshot(db, other.id))!.phones).toHaveLength(1);
  });

  it("refuses an identifier change based on an old version", async () => {
    const agent = await makeUser("agent");
    const c = await makeContact();
    expect((await actAs(agent, contactActions.addPhone, { contactId: c.id, version: 1, phone: uniquePhone() })).ok).toBe(true);
    const stale = await actAs(agent, contactActions.addEmail, { contactId: c.id, version: 1, email: `${unique()}@example.test` });
    expect(stale).toMatchObject({ ok: false, message: STALE_MESSAGE });
    expect((await loadContactSnapshot(db, c.id))!.emails).toHaveLength(0);
  });
});
