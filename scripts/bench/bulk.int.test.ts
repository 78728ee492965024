import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, rawSql } from "@/db";
import { benchBulk } from "./bulk";
import { seedLarge } from "./seed-large";

describe("benchBulk", () => {
  it("times every part against its raw baseline on a tiny seed, and leaves the seed as it was", { timeout: 120_000 }, async () => {
    const pg = rawSql();
    try {
      await seedLarge(pg, 200, () => {});
      const figures = await benchBulk(pg, { runs: 30, bulkRuns: 1, target: 40, log: () => {} });
      expect(figures.map((f) => f.name)).toEqual(["bulk.filter", "bulk.add_tag", "bulk.delete", "bulk.export"]);
      expect(figures[0]).toMatchObject({ n: 30, median_ms: expect.any(Number), raw_p95_ms: expect.any(Number) });
      expect(figures[1]).toMatchObject({ n: 1, contacts: expect.any(Number), ratio: expect.any(Number) });
      expect(figures[2]).toMatchObject({ n: 1, contacts: 40 });
      expect(figures[3]).toMatchObject({ rows: expect.any(Number), rows_per_s: expect.any(Number), copy_rows_per_s: expect.any(Number), peak_rss_mb: expect.any(Number) });
      const [left] = await db.execute<{ contacts: number; tags: number; jobs: number; seeded: number }>(sql`
        select (select count(*)::int from contacts where contact_key like 'B-DEL-%') contacts,
               (select count(*)::int from tags where name like 'Bulk bench %') tags,
               (select count(*)::int from bulk_jobs j join users u on u.id = j.created_by_id where u.email = 'bulk-bench@bench.invalid') jobs,
               (select count(*)::int from contacts where contact_key like 'B-%') seeded`);
      expect(left).toEqual({ contacts: 0, tags: 0, jobs: 0, seeded: 200 });
    } finally {
      await pg`delete from contacts where contact_key like 'B-%'`;
      await pg`delete from tags where name like 'Bench tag %'`;
      await pg`delete from attribute_definitions where key like 'bench\\_%'`;
      await pg`delete from users where email = 'bulk-bench@bench.invalid'`;
    }
  });
});
