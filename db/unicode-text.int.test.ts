import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db as suiteDb } from "@/db";
import { connect, type Database } from "@/db/client";
import { databaseUrl } from "@/db/embedded";
import { dropDatabase, MIGRATIONS_FOLDER, recreateDatabase, runMigrations } from "@/db/migrate";
import { attributeDefinitions, contactEmails, contacts } from "@/db/schema";
import { DEFAULT_COLUMNS, listColumns } from "@/lib/contacts/columns";
import { listContacts } from "@/lib/contacts/list";
import { DEFAULT_LIST_PARAMS } from "@/lib/contacts/list-params";
import { unique } from "@/lib/testing/factories";

/** Names in several scripts, each with a letter outside ASCII, and what a user types to find them (with or without accents). */
const PEOPLE = [
  { first: "Jürgen", last: "Müller", typed: ["müller", "MÜLLER", "Jürgen Mü", "muller", "jurgen mu"] },
  { first: "Anna", last: "Weiß", typed: ["weiß", "WEIß", "weiss"] },
  { first: "Chloé", last: "Lefèvre", typed: ["chloé", "LEFÈVRE", "chloe", "LEFEVRE"] },
  { first: "João", last: "Simões", typed: ["joão", "simões", "joao", "SIMOES"] },
  { first: "Søren", last: "Kierkegård", typed: ["søren", "SØREN", "soren", "kierkegard"] },
  { first: "Łukasz", last: "Wałęsa", typed: ["łukasz", "WAŁĘSA", "lukasz", "walesa"] },
  { first: "Σωκράτης", last: "Παπαδόπουλος", typed: ["σωκράτης", "ΠΑΠΑΔΌΠΟΥΛΟΣ"] },
  { first: "Дмитрий", last: "Шостакович", typed: ["дмитрий", "ШОСТАКОВИЧ"] },
];

/** `asTyped: false` stores e-mails already in lower case, as an old C-locale database could only hold them. */
async function addPeople(db: Database, tag: string, asTyped = true) {
  const ids = new Map<string, number>();
  for (const p of PEOPLE) {
    // Only the columns every migration had: Drizzle's insert names each column of today's schema,
    // which the old database below does not have yet.
    const [c] = await db.execute<{ id: number }>(sql`
      insert into contacts (contact_key, first_name, last_name) values (${unique("C-")}, ${p.first}, ${`${p.last} ${tag}`}) returning id`);
    const typed = `${p.first}.${tag}@Exämple.test`;
    const email = asTyped ? typed : typed.toLowerCase();
    await db.insert(contactEmails).values({ contactId: Number(c!.id), email, emailNormalized: email.toLowerCase(), isPrimary: true });
    ids.set(p.last, Number(c!.id));
  }
  return ids;
}

async function found(db: Database, search: string): Promise<number[]> {
  const columns = listColumns(await db.select().from(attributeDefinitions));
  const result = await listContacts(db, { ...DEFAULT_LIST_PARAMS, search }, { columns, visible: [...DEFAULT_COLUMNS], defaultCountry: "US" });
  return result.rows.map((r) => r.id);
}

async function expectFindsEveryone(db: Database, tag: string, ids: Map<string, number>) {
  for (const p of PEOPLE) {
    for (const typed of [...p.typed, `${p.first.toLowerCase()}.${tag}@exämple`]) {
      expect(await found(db, `${typed}`), `${typed} (${p.last})`).toContain(ids.get(p.last));
    }
  }
  const [row] = await db.select({ key: contacts.searchKey }).from(contacts).where(eq(contacts.id, ids.get("Müller")!));
  // Folded by search_fold (migration 0022): accents and case go, both in the columns and in the search.
  expect(row!.key).toContain("muller");
}

describe("search of names and e-mails in any script", () => {
  it("stores and finds ü, ß, é, ã, ø, ł, Greek and Cyrillic on this suite's database", async () => {
    const tag = unique("u");
    const ids = await addPeople(suiteDb, tag);
    await expectFindsEveryone(suiteDb, tag, ids);
  });

  describe("on a database created with LC_CTYPE C", () => {
    const adminUrl = databaseUrl(inject("databaseUrl"), "postgres");
    const name = `sb_c_locale_${process.pid}`;
    let conn: ReturnType<typeof connect>;
    let oldMigrations: string;

    beforeAll(async () => {
      // The migrations as they were before 0014, to write data the way an old embedded cluster did.
      oldMigrations = mkdtempSync(path.join(tmpdir(), "sb-migrations-"));
      cpSync(MIGRATIONS_FOLDER, oldMigrations, { recursive: true });
      const journalFile = path.join(oldMigrations, "meta", "_journal.json");
      const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { idx: number }[] };
      journal.entries = journal.entries.filter((e) => e.idx < 14);
      writeFileSync(journalFile, JSON.stringify(journal));
      await recreateDatabase(adminUrl, name, "template template0 locale_provider libc lc_collate 'C' lc_ctype 'C'");
      await runMigrations(databaseUrl(adminUrl, name), oldMigrations);
      conn = connect(databaseUrl(adminUrl, name), { max: 2 });
    });

    afterAll(async () => {
      await conn?.sql.end();
      await dropDatabase(adminUrl, name);
      rmSync(oldMigrations, { recursive: true, force: true });
    });

    it("loses the letters before migration 0014 (the bug), and the upgrade recomputes every search column", async () => {
      const tag = unique("u");
      const ids = await addPeople(conn.db, tag, false);
      // Read straight from the column: the list's query needs the functions of migration 0022.
      const [before] = await conn.db.select({ key: contacts.searchKey }).from(contacts).where(eq(contacts.id, ids.get("Müller")!));
      expect(before!.key).toContain("mller");

      await runMigrations(databaseUrl(adminUrl, name));
      await expectFindsEveryone(conn.db, tag, ids);

      const fresh = unique("v");
      await expectFindsEveryone(conn.db, fresh, await addPeople(conn.db, fresh));
    });
  });
});
