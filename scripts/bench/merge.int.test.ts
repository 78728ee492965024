import { sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { db } from "@/db";
import { benchMerge } from "./merge";

describe("benchMerge", () => {
  it("times a merge, the raw SQL and the merge's undo, returns the figures, and removes everything it added", { timeout: 60_000 }, async () => {
    const result = await benchMerge(inject("databaseUrl"), { runs: 1 });
    expect(result).toEqual({
      name: "merge",
      median_ms: expect.any(Number),
      p95_ms: expect.any(Number),
      raw_median_ms: expect.any(Number),
      undo_median_ms: expect.any(Number),
      undo_p95_ms: expect.any(Number),
    });
    expect(result.undo_median_ms).toBeGreaterThan(0);
    expect(result.median_ms).toBeGreaterThan(0);
    expect(result.raw_median_ms).toBeGreaterThan(0);
    const [left] = await db.execute<{ contacts: number; activities: number; notes: number; tags: number; audits: number }>(sql`
      select (select count(*)::int from contacts where contact_key like 'bench-%') contacts,
             (select count(*)::int from activities where summary like 'Benchmark call %') activities,
             (select count(*)::int from notes where body like 'Benchmark note %') notes,
             (select count(*)::int from tags where name like 'bench %') tags,
             (select count(*)::int from audit_log where actor_label = 'benchmark') audits,
             (select count(*)::int from merge_journals) journals`);
    expect(left).toEqual({ contacts: 0, activities: 0, notes: 0, tags: 0, audits: 0, journals: 0 });
  });
});
