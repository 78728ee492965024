import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { describe, expect, it } from "vitest";
import { db, rawSql } from "@/db";
import { idArray } from "@/db/id-array";
import * as schema from "@/db/schema";
import { makeContacts } from "@/lib/testing/bulk-fixtures";
import { makeUser, unique } from "@/lib/testing/factories";
import { EXACT_COUNT_LIMIT } from "./list";
import { listContactPage } from "./pages";

/**
 * The API's pages when there are many matches: they walk the sort index with the per-row form of
 * the filter or search instead of collecting ids (the path of a dense filter on a large table).
 * The statements are watched to be sure that is the path taken.
 */
describe("listContactPage walking the sort index", () => {
  it("pages a dense filter and a dense search in order, with no duplicates or gaps", async () => {
    const owner = await makeUser("admin");
    const company = unique("Dense ");
    const word = unique("dz").toLowerCase();
    // More matches than the list collects without a sample (EXACT_COUNT_LIMIT): they are walked, as on
    // a large table where the sample finds them dense. (A sample of a shared test table is left out:
    // whether it meets a test's few pages is chance.)
    const count = EXACT_COUNT_LIMIT + 50;
    const made = await makeContacts(count, { company, lastName: word });
    // Others among them in the same order, matching neither the filter nor the search.
    const others = await makeContacts(20, { company: unique("Other ") });
    await db.execute(sql`
      update contacts set last_interaction_at = case when id % 4 = 0 then null else timestamptz '2026-05-01' + (id % 7) * interval '1 hour' end
      where company = ${company} or id = any(${idArray(others.map((c) => c.id))})`);
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
          { ...params, sort: "-last_interaction_at", limit: "100", ...(cursor ? { cursor } : {}) },
          { user: async () => owner, sampleFrom: Number.MAX_SAFE_INTEGER },
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
