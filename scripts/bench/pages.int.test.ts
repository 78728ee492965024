import { describe, expect, it } from "vitest";
import { connect } from "@/db/client";
import { useOwnDatabase } from "@/lib/testing/own-database";
import { benchPages } from "./pages";
import { seedLarge } from "./seed-large";

// Its own database: the part starts the built app on it and signs the demo admin in.
useOwnDatabase("pages_bench");

describe("benchPages", () => {
  it("times the list page, a search and a profile opened from the list in Chromium, against the built app", { timeout: 900_000 }, async () => {
    const { sql } = connect(process.env.DATABASE_URL!, { max: 2 });
    try {
      await seedLarge(sql, 300, () => {});
      const figures = await benchPages(process.env.DATABASE_URL!, sql, { runs: 2, log: () => {} });
      expect(figures.map((f) => [f.name, f.n, f.goal_p95_ms])).toEqual([
        ["pages.list", 2, 500],
        ["pages.search", 2, 300],
        ["pages.profile", 2, 300],
      ]);
      for (const f of figures) expect(f.p95_ms).toBeGreaterThanOrEqual(f.median_ms);
    } finally {
      await sql.end();
    }
  });
});
