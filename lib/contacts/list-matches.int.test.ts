import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { contactTags, tags } from "@/db/schema";
import { unique } from "@/lib/testing/factories";
import { countUpTo, findMatches, twoFigures } from "./list-matches";

/**
 * The sampled path of findMatches, reached on the test database by lowering the size from which
 * it samples (the list uses it from 50 000 contacts). Dense filters are estimated, sparse ones
 * collected and counted exactly.
 */
describe("findMatches on a sampled table", () => {
  let tok: string;
  let tagId: number;
  let tagged: number[];

  beforeAll(async () => {
    tok = unique("Smp");
    const [tag] = await db.insert(tags).values({ name: unique("Sampled ") }).returning();
    tagId = tag!.id;
    const rows = await db.execute<{ id: number }>(sql`
      insert into contacts (contact_key, last_name, country)
      select ${tok} || '-' || g, ${tok}, case when g % 10 = 0 then 'FR' else 'DE' end from generate_series(1, 3000) g
      returning id`);
    const ids = rows.map((r) => Number(r.id)).sort((a, b) => a - b);
    tagged = ids.filter((_, i) => i % 100 === 0);
    await db.insert(contactTags).values(tagged.map((contactId) => ({ contactId, tagId })));
    await db.execute(sql`analyze contacts`);
  });

  const tagFilter = (perRow: boolean) =>
    sql`c.last_name = ${tok} and exists (select 1 from contact_tags ct where ct.contact_id = c.id and ct.tag_id = ${tagId} ${perRow ? sql`offset 0` : sql``})`;

  it("collects a sparse filter's ids and counts them exactly", async () => {
    const found = await findMatches(db, { where: tagFilter(false), perRow: tagFilter(true) }, { sampleFrom: 0 });
    expect(found.total).toEqual({ count: tagged.length, exact: true });
    expect([...found.ids!].sort((a, b) => a - b)).toEqual(tagged);
  });

  it("sorts the page asked for out of a sparse filter's collected matches", async () => {
    const found = await findMatches(db, { where: tagFilter(false), perRow: tagFilter(true) }, { sampleFrom: 0, page: { offset: 5, limit: 10 } });
    expect(found.total).toEqual({ count: tagged.length, exact: true });
    // Never contacted, so newest id first.
    expect(found.page).toEqual([...tagged].reverse().slice(5, 15));
  });

  it("estimates a dense filter from the sample instead of collecting it", async () => {
    const dense = sql`c.last_name = ${tok} or c.country = 'DE' or c.country is null`;
    const all = await db.execute<{ n: number }>(sql`select count(*)::int as n from contacts c where ${dense}`);
    const found = await findMatches(db, { where: dense, perRow: dense }, { sampleFrom: 0 });
    expect(found.ids).toBeNull();
    expect(found.total.exact).toBe(false);
    // A share of a sample of the whole table: in the right order of magnitude, not exact.
    expect(found.total.count).toBeGreaterThan(Number(all[0]!.n) / 3);
    expect(found.total.count).toBeLessThan(Number(all[0]!.n) * 3);
  });

  it("takes the table's size for a list without a predicate", async () => {
    const [row] = await db.execute<{ n: number }>(sql`select reltuples::float8 as n from pg_class where oid = 'contacts'::regclass`);
    const found = await findMatches(db, {}, { sampleFrom: 0 });
    expect(found).toEqual({ total: { count: twoFigures(Number(row!.n)), exact: false }, ids: null });
  });

  it("counts exactly on a small table without sampling", async () => {
    const found = await findMatches(db, { where: tagFilter(false), perRow: tagFilter(true) });
    expect(found.total).toEqual({ count: tagged.length, exact: true });
  });

  it("counts exactly on a small table past what the probe collects (a tab of 3 000, not “about 2,900”)", async () => {
    const mine = sql`c.last_name = ${tok}`;
    const found = await findMatches(db, { where: mine, perRow: mine });
    expect(found.total).toEqual({ count: 3000, exact: true });
    expect(found.ids).toBeNull();
  });

  it("bounds the count: one match more than the limit is no count", async () => {
    const mine = sql`c.last_name = ${tok}`;
    expect(await countUpTo(db, mine, 3000)).toEqual({ count: 3000, exact: true });
    expect(await countUpTo(db, mine, 2999)).toBeNull();
  });
});
