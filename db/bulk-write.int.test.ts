import { describe, expect, it } from "vitest";
import { rawSql } from "@/db";
import { pgError } from "@/lib/errors";
import { copyIn } from "@/lib/import/write/copy";
import { makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";

/**
 * Bulk write mode (migration 0010): the per-row identifier triggers are off, and the contact-vs-user
 * invariant is checked once per statement under a key that user writes take exclusively.
 */
const BULK = "select set_config('switchboard.bulk_write', 'on', true)";

const holders = async (phone: string) => {
  const [row] = (await rawSql()`
    select (select count(*)::int from contact_phones where e164 = ${phone}) as contacts,
           (select count(*)::int from users where phone = ${phone}) as users`) as unknown as [{ contacts: number; users: number }];
  return row!;
};

/** Resolves once a backend is waiting for an advisory lock (so the race is really on). */
async function someoneWaitsForTheKey(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [row] = (await rawSql()`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`) as unknown as [{ n: number }];
    if (row!.n > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("nobody waited for the bulk key");
}

describe("bulk write mode", () => {
  it("still refuses a user's phone or e-mail, in one statement of many rows", async () => {
    const staff = await makeUser();
    const phone = uniquePhone();
    await rawSql()`update users set phone = ${phone} where id = ${staff.id}`;
    const [a, b] = await Promise.all([makeContact(), makeContact()]);
    const attempt = (insert: (tx: import("postgres").TransactionSql) => Promise<unknown>) =>
      rawSql().begin(async (tx) => {
        await tx.unsafe(BULK);
        await insert(tx);
      });
    await expect(
      attempt((tx) => tx`insert into contact_phones (contact_id, e164) values (${a.id}, ${uniquePhone()}), (${b.id}, ${phone})`),
    ).rejects.toMatchObject({ code: "23505", constraint_name: "identifier_held_by_user" });
    const mail = staff.email.toLowerCase();
    await expect(
      attempt((tx) => tx`insert into contact_emails (contact_id, email, email_normalized) values (${a.id}, ${mail}, ${mail})`),
    ).rejects.toMatchObject({ code: "23505", constraint_name: "identifier_held_by_user" });
    // COPY fires the statement check too.
    await expect(
      attempt((tx) => copyIn(tx`copy contact_phones (contact_id, e164) from stdin`, [`${b.id}\t${phone}\n`])),
    ).rejects.toMatchObject({ constraint_name: "identifier_held_by_user" });
    expect(await holders(phone)).toEqual({ contacts: 0, users: 1 });
  });

  it("a user written while a batch holds the phone waits for it, then is refused", async () => {
    const phone = uniquePhone();
    const contact = await makeContact();
    const user = await makeUser();
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    const batch = rawSql().begin(async (tx) => {
      await tx.unsafe(BULK);
      await tx`insert into contact_phones (contact_id, e164) values (${contact.id}, ${phone})`;
      await hold;
    });
    // The batch's statement took the key shared; the user's trigger now queues behind it.
    await new Promise((r) => setTimeout(r, 50));
    // postgres.js sends a query when it is awaited: `then` starts it now.
    const userWrite = rawSql()`update users set phone = ${phone} where id = ${user.id}`.then(() => null, (e: unknown) => pgError(e));
    try {
      await someoneWaitsForTheKey();
    } finally {
      release();
    }
    await batch;
    const outcome = await userWrite;
    expect(outcome).toMatchObject({ code: "23505", constraint_name: "identifier_held_by_contact" });
    expect(await holders(phone)).toEqual({ contacts: 1, users: 0 });
  });

  it("a batch that reaches a phone a user is being given waits for that user, then is refused", async () => {
    const email = `${unique("race")}@example.test`;
    const contact = await makeContact();
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    const userWrite = rawSql().begin(async (tx) => {
      await tx`insert into users (name, email, role, password_hash) values ('Racer', ${email}, 'agent', 'x')`;
      await hold;
    });
    await new Promise((r) => setTimeout(r, 50));
    const batch = rawSql().begin(async (tx) => {
      await tx.unsafe(BULK);
      await tx`insert into contact_emails (contact_id, email, email_normalized) values (${contact.id}, ${email}, ${email})`;
    });
    batch.catch(() => {});
    try {
      await someoneWaitsForTheKey();
    } finally {
      release();
    }
    await userWrite;
    await expect(batch).rejects.toMatchObject({ code: "23505", constraint_name: "identifier_held_by_user" });
    const [row] = (await rawSql()`select count(*)::int as n from contact_emails where email_normalized = ${email}`) as unknown as [{ n: number }];
    expect(row!.n).toBe(0);
  });

  it("never ends with both, however batches and user writes interleave", async () => {
    for (let round = 0; round < 6; round++) {
      const phone = uniquePhone();
      const [contact, user] = await Promise.all([makeContact(), makeUser()]);
      const delay = () => rawSql()`select pg_sleep(${Math.random() * 0.03})`;
      await Promise.allSettled([
        rawSql().begin(async (tx) => {
          await tx.unsafe(BULK);
          await tx`select pg_sleep(${Math.random() * 0.03})`;
          await tx`insert into contact_phones (contact_id, e164) values (${contact.id}, ${phone})`;
          await tx`select pg_sleep(${Math.random() * 0.03})`;
        }),
        delay().then(() => rawSql()`update users set phone = ${phone} where id = ${user.id}`),
      ]);
      const h = await holders(phone);
      expect(h.contacts + h.users, `round ${round}`).toBe(1);
    }
  });

  it("lasts one transaction: the next one is back on the per-row path", async () => {
    const contact = await makeContact();
    const staff = await makeUser();
    const phone = uniquePhone();
    await rawSql()`update users set phone = ${phone} where id = ${staff.id}`;
    await rawSql().begin((tx) => tx.unsafe(BULK));
    const [row] = (await rawSql()`select current_setting('switchboard.bulk_write', true) as mode`) as unknown as [{ mode: string | null }];
    expect(row!.mode ?? "").not.toBe("on");
    await expect(rawSql()`insert into contact_phones (contact_id, e164) values (${contact.id}, ${phone})`).rejects.toMatchObject({
      constraint_name: "identifier_held_by_user",
    });
  });
});

describe("search columns outside bulk mode", () => {
  it("an identifier write that leaves the search document as it is does not rewrite the contact", async () => {
    const phone = uniquePhone();
    const c = await makeContact({ firstName: "Same" }, { phones: [phone] });
    const version = async () =>
      ((await rawSql()`select xmin::text as x, search_doc from contacts where id = ${c.id}`) as unknown as [{ x: string; search_doc: string }])[0]!;
    const before = await version();
    await rawSql()`update contact_phones set label = 'work' where e164 = ${phone}`;
    expect(await version()).toEqual(before);
    const other = uniquePhone();
    await rawSql()`insert into contact_phones (contact_id, e164) values (${c.id}, ${other})`;
    const after = await version();
    expect(after.x).not.toBe(before.x);
    expect(after.search_doc).toContain(other.slice(1));
  });
});
