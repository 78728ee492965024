import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { benchReview } from "./review";

describe("benchReview", () => {
  it("generates the file, reviews it, returns the figures, and removes the job and its files", { timeout: 120_000 }, async () => {
    const result = await benchReview({ megabytes: 1, log: () => {} });
    expect(result).toMatchObject({ name: "review", file_mb: 1, rejected: expect.any(Number) });
    expect(result.rows).toBeGreaterThan(8_000);
    // One row in 50 has a broken e-mail and one in 97 an Excel-mangled phone: both are rejected.
    expect(result.rejected).toBeGreaterThan(result.rows / 50);
    expect(result.peak_rss_mb).toBeGreaterThanOrEqual(result.rss_before_mb);
    const [left] = await db.execute<{ jobs: number }>(sql`select count(*)::int as jobs from import_jobs where file_name = 'big.csv'`);
    expect(left).toEqual({ jobs: 0 });
  });
});
