import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, rawSql } from "@/db";
import { activities, contactEmails, contactPhones, contacts, contactTags, notes, tags, users } from "@/db/schema";
import { pgError } from "@/lib/errors";
import { makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";

/** Runs `n` copies of `attempt` at the same moment on separate connections. */
async function race(n: number, attempt: (i: number) => Promise<unknown>) {
  return Promise.allSettled(Array.from({ length: n }, (_, i) => attempt(i)));
}

describe("identifier invariants enforced by the database", () => {
  it("gives a phone number to exactly one contact when many insert it at once", async () => {
    const phone = uniquePhone();
    const owners = await Promise.all(Array.from({ length: 8 }, () => makeContact()));
    const results = await race(8, (i) =>
      rawSql().begin(async (tx) => {
        await tx`select pg_sleep(0.05)`;
        await tx`insert into contact_phones (contact_id, e164) values (${owners[i]!.id}, ${phone})`;
      }),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect(pgError((r as PromiseRejectedResult).reason)?.code).toBe("23505");
    }
    const held = await db.select().from(contactPhones).where(eq(contactPhones.e164, phone));
    expect(held).toHaveLength(1);
  });

  it("compares e-mails case-insensitively, also under concurrency", async () => {
    const local = unique("mail");
    const owners = await Promise.all(Array.from({ length: 6 }, () => makeContact()));
    const spellings = [`${local}@Example.test`, `${local.toUpperCase()}@example.TEST`, ` ${local}@example.test `];
    const results = await race(6, (i) => {
      const email = spellings[i % 3]!.trim();
      return rawSql()`insert into contact_emails (contact_id, email, email_normalized) values (${owners[i]!.id}, ${email}, ${email.toLowerCase()})`;
    });
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rows = await db.select().from(contactEmails).where(eq(contactEmails.emailNormalized, `${local}@example.test`));
    expect(rows).toHaveLength(1);
  });

  it("refuses an e-mail stored un-normalised", async () => {
    const c = await makeContact();
    await expect(
      rawSql()`insert into contact_emails (contact_id, email, email_normalized) values (${c.id}, 'Mixed@Case.test', 'Mixed@Case.test')`,
    ).rejects.toMatchObject({ code: "23514" });
  });

  it("never lets a contact and a user hold the same e-mail or phone, even racing", async () => {
    const email = `${unique("shared")}@example.test`;
    const phone = uniquePhone();
    const contact = await makeContact();
    const results = await race(2, (i) =>
      i === 0
        ? rawSql().begin(async (tx) => {
            await tx`insert into contact_emails (contact_id, email, email_normalized) values (${contact.id}, ${email}, ${email})`;
            await tx`select pg_sleep(0.1)`;
          })
        : rawSql()`insert into users (name, email, role, password_hash) values ('Racer', ${email.toUpperCase()}, 'agent', 'x')`,
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [rejected] = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(pgError(rejected!.reason)?.code).toBe("23505");

    const user = await makeUser();
    await rawSql()`update users set phone = ${phone} where id = ${user.id}`;
    await expect(rawSql()`insert into contact_phones (contact_id, e164) values (${contact.id}, ${phone})`).rejects.toMatchObject({
      code: "23505",
      constraint_name: "identifier_held_by_user",
    });
  });

  it("rejects a phone that is not E.164", async () => {
    const c = await makeContact();
    await expect(rawSql()`insert into contact_phones (contact_id, e164) values (${c.id}, '319-555-4929')`).rejects.toMatchObject({
      code: "23514",
    });
  });
});

describe("contact invariants", () => {
  it("keeps Contact IDs unique and unchangeable", async () => {
    const c = await makeContact();
    await expect(makeContact({ contactKey: c.contactKey })).rejects.toSatisfy((e) => pgError(e)?.code === "23505");
    await expect(db.update(contacts).set({ contactKey: unique("C-") }).where(eq(contacts.id, c.id))).rejects.toSatisfy(
      (e) => pgError(e)?.constraint_name === "contacts_contact_key_immutable",
    );
  });

  it("deletes a contact's identifiers, tags, notes and activities with it, but never a tag itself", async () => {
    const c = await makeContact({}, { phones: [uniquePhone()], emails: [`${unique()}@x.test`] });
    const [tag] = await db.insert(tags).values({ name: unique("Tag ") }).returning();
    await db.insert(contactTags).values({ contactId: c.id, tagId: tag!.id });
    await db.insert(notes).values({ contactId: c.id, body: "hello" });
    await db.insert(activities).values({ contactId: c.id, type: "call", summary: "Called" });
    await db.delete(contacts).where(eq(contacts.id, c.id));
    for (const table of [contactPhones, contactEmails, contactTags, notes, activities]) {
      expect(await db.select().from(table).where(eq(table.contactId, c.id))).toHaveLength(0);
    }
    expect(await db.select().from(tags).where(eq(tags.id, tag!.id))).toHaveLength(1);
  });

  it("indexes only assigned favorite agents, and the index still finds an agent's contacts and clears them when the agent goes", async () => {
    const agent = await makeUser("agent");
    const mine = await makeContact({ favoriteAgentId: agent.id });
    const none = await makeContact();
    const [index] = await rawSql()<{ def: string }[]>`select pg_get_indexdef('contacts_favorite_agent_idx'::regclass) as def`;
    expect(index!.def).toMatch(/WHERE \(favorite_agent_id IS NOT NULL\)$/);
    const plan = await rawSql().begin(async (tx) => {
      await tx`set local enable_seqscan = off`;
      return tx.unsafe(`explain select id from contacts where favorite_agent_id = ${agent.id}`);
    });
    expect(plan.map((r) => Object.values(r)[0]).join("\n")).toContain("contacts_favorite_agent_idx");
    await db.delete(users).where(eq(users.id, agent.id));
    const rows = await db.select({ id: contacts.id, agent: contacts.favoriteAgentId }).from(contacts).where(inArray(contacts.id, [mine.id, none.id]));
    expect(rows.map((r) => r.agent)).toEqual([null, null]);
  });

  it("maintains the search document from names, company, e-mails and phone digits, accents folded", async () => {
    const phone = uniquePhone();
    const email = `${unique("Doc")}@Example.test`;
    const c = await makeContact({ firstName: "Zoë", lastName: "O'Neil", company: "Café Solène" }, { phones: [phone], emails: [email] });
    const doc = async () => (await db.select({ d: contacts.searchDoc }).from(contacts).where(eq(contacts.id, c.id)))[0]!.d;
    expect(await doc()).toContain("zoe o'neil\ncafe solene");
    expect(await doc()).toContain(email.toLowerCase());
    expect(await doc()).toContain(phone.slice(1));
    await db.delete(contactPhones).where(eq(contactPhones.contactId, c.id));
    await db.update(contacts).set({ lastName: "Smith" }).where(eq(contacts.id, c.id));
    expect(await doc()).not.toContain(phone.slice(1));
    expect(await doc()).toContain("zoe smith");
    await db.update(contacts).set({ company: "Lumière SA" }).where(eq(contacts.id, c.id));
    expect(await doc()).toContain("lumiere sa");
    expect(await doc()).not.toContain("cafe");
  });
});
