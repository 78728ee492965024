import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { describe, expect, it } from "vitest";
import { db, rawSql } from "@/db";
import { idArray } from "@/db/id-array";
import * as schema from "@/db/schema";
import { makeContacts } from "@/lib/testing/bulk-fixtures";
import { makeUser, unique } from "@/lib/testing/factories";
import { listContactPage } from "./pages";

/**
 * The API's pages when the sample says "dense" (many matches): they walk the sort index with the
 * per-row form of the filter instead of collecting ids (the path every page takes on a large
 * table). The statements are watched to be sure that is the path taken.
 */
describe("listContactPage walking the sort index", () => {
  it("pages a dense filter and a dense search in order, with no duplicates or gaps", async () => {
    const owner = await makeUser("admin");
    const [{ n }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from contacts`)) as unknown as [{ n: number }];
    const company = unique("Dense ");
    const word = unique("dz").toLowerCase();
    // Enough to be more than 1 % of the table, the sample's threshold for walking.
    const count = Math.max(60, Math.ceil(n * 0.03));
    const made = await makeContacts(count, { company, lastName: word });
    // Others among them in the same order, matching neither the filter nor the search.
    const others = await makeContacts(20, { company: unique("Other ") });
    await db.execute(sql`
      update contacts set last_interaction_at = case when id % 4 = 0 then null else timestamptz '2026-05-01' + (id % 7) * interval '1 hour' end
      where company = ${company} or id = any(${idArray(others.map((c) => c.id))})`);
    await db.execute(sql`analyze contacts`);
    const expected = (
      await db.execute<{ key: string }>(sql`
        select contact_key as key from contacts where company = ${company}
        order by last_interaction_at desc nulls last, id desc`)
    ).map((r) => r.key);
    expect(expected).toHaveLength(made.length);

    const statements: string[] = [];
    const watched = drizzle(rawSql(), { schema, logger: { logQuery: (query) => statements.push(query) } });
    const filter = JSON.stringify({ join: "and", conditions: [{ field: "company", op: "is", value: company }] });
    for (const params of [{ filter }, { q: word }]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      statements.length = 0;
      do {
        const page: Awaited<ReturnType<typeof listContactPage>> = await listContactPage(
          watched,
          { ...params, sort: "-last_interaction_at", limit: "50", ...(cursor ? { cursor } : {}) },
          { user: async () => owner, sampleFrom: 0 },
        );
        seen.push(...page.contacts.map((c) => c.contact.contactKey));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, JSON.stringify(params)).toEqual(expected);
      const pageQueries = statements.filter((s) => s.includes("order by") && s.includes("last_interaction_at"));
      expect(pageQueries.length).toBeGreaterThan(0);
      for (const s of pageQueries) expect(s).not.toContain("= any(");
    }
  });
});
