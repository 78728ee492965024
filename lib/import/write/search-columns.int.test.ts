import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db";
import { attributeDefinitions, type User } from "@/db/schema";
import { listColumns, DEFAULT_COLUMNS } from "@/lib/contacts/columns";
import { listContacts } from "@/lib/contacts/list";
import { DEFAULT_LIST_PARAMS } from "@/lib/contacts/list-params";
import { makeContact, makeUser, unique } from "@/lib/testing/factories";
import { contactByPhone, counts, importCsv, importPhone } from "../test-helpers";

/**
 * The import writes the contacts' search columns itself (bulk write mode, migration 0010): they
 * must be exactly what the per-row triggers would have written, and quick search must find
 * imported and merged contacts by every kind of fragment.
 */
let admin: User;
beforeAll(async () => {
  admin = await makeUser("admin");
});

const csv = (...lines: string[]) => lines.join("\r\n") + "\r\n";

async function search(q: string): Promise<number[]> {
  const columns = listColumns(await db.select().from(attributeDefinitions));
  const result = await listContacts(db, { ...DEFAULT_LIST_PARAMS, search: q }, { columns, visible: [...DEFAULT_COLUMNS], defaultCountry: "US" });
  return result.rows.map((r) => r.id);
}

/** Contacts whose stored search columns differ from a recomputation by the triggers' functions. */
async function stale(ids: number[]): Promise<number[]> {
  const rows = await db.execute<{ id: number }>(sql`
    select id::int from contacts where id in ${ids}
      and (search_doc, attr_words) is distinct from (contact_search_doc(id, first_name, middle_name, last_name, company), contact_attr_words(id))`);
  return rows.map((r) => r.id);
}

describe("import: search columns", () => {
  it("new and merged contacts are found by name, phone, e-mail and custom-attribute words, and their columns equal the triggers'", async () => {
    const key = unique("sc_");
    await db.insert(attributeDefinitions).values([
      { key: `${key}_code`, label: `Code ${key}`, type: "text" },
      { key: `${key}_score`, label: `Score ${key}`, type: "number" },
    ]);
    const word = unique("Zephyr").toLowerCase();
    // Letters only: a word with a digit is not kept for spelling suggestions (search_words).
    const last = unique("Quill").replace(/\d/g, (d) => "ghijklmnop"[Number(d)]!);
    const [pNew, pOld, pAdded] = [importPhone(), importPhone(), importPhone()];
    const mail = `${unique("fresh")}@example.test`;
    const existing = await makeContact({ firstName: "Old", lastName: unique("Keep") }, { phones: [pOld] });
    const merged = unique("Merged").replace(/\d/g, (d) => "ghijklmnop"[Number(d)]!);
    const { job } = await importCsv(
      admin,
      csv(
        "First Name,Last Name,Phone,Mobile,Email,Code,Score",
        `Nia,${last},${pNew},,${mail},${word} blue,42.50`,
        `,${merged},${pOld},${pAdded},,${word}x,7`,
      ),
      { mapping: () => ["firstName", "lastName", "phone", "phone", "email", `attr:${key}_code`, `attr:${key}_score`] },
    );
    expect(counts(job)).toMatchObject({ created: 1, merged: 1, failed: 0 });
    const created = (await contactByPhone(pNew))!;
    const old = (await contactByPhone(pAdded))!;
    expect(old.id).toBe(existing.id);
    expect(await stale([created.id, old.id])).toEqual([]);

    for (const q of [last.slice(2, 9), `nia ${last.slice(0, 4)}`, pNew.slice(-7), mail.slice(0, 12), word]) {
      expect(await search(q), q).toContain(created.id);
    }
    for (const q of [merged, pAdded.slice(-7), `${word}x`]) {
      expect(await search(q), q).toContain(old.id);
    }
    // The words of the imported names are there for "Did you mean…" (the import adds them, not the trigger).
    const words = await db.execute<{ word: string }>(sql`select distinct word from search_words where word in (${last.toLowerCase()}, ${merged.toLowerCase()})`);
    expect(words.map((w) => w.word).sort()).toEqual([last.toLowerCase(), merged.toLowerCase()].sort());
  });

  it("importing the same file again rewrites no contact", async () => {
    const phones = [importPhone(), importPhone(), importPhone()];
    const file = csv("First Name,Last Name,Phone", ...phones.map((p, i) => `Re${i},${unique("Import")},${p}`));
    await importCsv(admin, file);
    const ids = await Promise.all(phones.map(async (p) => (await contactByPhone(p))!.id));
    const versions = async () =>
      [...(await db.execute<{ id: number; x: string }>(sql`select id::int, xmin::text as x from contacts where id in ${ids} order by id`))];
    const before = await versions();
    const { job } = await importCsv(admin, file);
    expect(counts(job)).toMatchObject({ created: 0, merged: 3, failed: 0 });
    expect(await versions()).toEqual(before);
    expect(await stale(ids)).toEqual([]);
  });
});
