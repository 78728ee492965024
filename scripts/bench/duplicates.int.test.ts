import { describe, expect, it } from "vitest";
import { connect } from "@/db/client";
import { useOwnDatabase } from "@/lib/testing/own-database";
import { benchDuplicates, type DuplicatesFigure } from "./duplicates";
import { seedLarge } from "./seed-large";

// Its own database: the bench rewrites the seeded names and adds its duplicates.
useOwnDatabase("dups_bench");

describe("benchDuplicates", () => {
  it("seeds duplicates of each kind with their truth, times the computation and scores the clusters", { timeout: 180_000 }, async () => {
    const { sql } = connect(process.env.DATABASE_URL!, { max: 2 });
    try {
      await seedLarge(sql, 3_000, () => {});
      const [exact, all] = (await benchDuplicates(sql, { contacts: 3_000, log: () => {} })) as [DuplicatesFigure, DuplicatesFigure];
      expect(exact).toMatchObject({ name: "duplicates.exact", seeded_pairs: 4 * 90 });
      expect(all).toMatchObject({ name: "duplicates.all", seeded_pairs: 5 * 90 });
      for (const figure of [exact, all]) {
        expect(figure.recall).toBeGreaterThanOrEqual(0.95);
        expect(figure.precision).toBeGreaterThanOrEqual(0.98);
        expect(figure.peak_rss_mb).toBeGreaterThanOrEqual(figure.rss_before_mb);
      }
      expect(all.recall_by_kind).toEqual({ phone: 1, gmail: 1, name_company: 1, name_city: 1, similar_name: expect.any(Number) });
    } finally {
      await sql.end();
    }
  });
});
