import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { unique } from "@/lib/testing/factories";
import { DEFAULT_COLUMNS, listColumns } from "./columns";
import { listContacts } from "./list";
import { EXACT_COUNT_THRESHOLD, exactIfCheap, wantsExactCount } from "./list-matches";
import { DEFAULT_LIST_PARAMS } from "./list-params";

/**
 * Issue 21: exact counts whenever cheap. An "about N" (from the sample of a large table) becomes the
 * exact number when at most EXACT_COUNT_THRESHOLD contacts match; above it, it stays "about N".
 */
describe("the exact-count threshold", () => {
  it("asks for a count only for an estimate near or below the threshold, never for an exact figure", () => {
    expect(wantsExactCount({ count: 10, exact: false }, 50)).toBe(true);
    expect(wantsExactCount({ count: 50, exact: false }, 50)).toBe(true);
    // A sample misjudges a little: an estimate just over the threshold is still counted (the count stops at it).
    expect(wantsExactCount({ count: 59, exact: false }, 50)).toBe(true);
    expect(wantsExactCount({ count: 61, exact: false }, 50)).toBe(false);
    expect(wantsExactCount({ count: 10, exact: true }, 50)).toBe(false);
    expect(wantsExactCount({ count: EXACT_COUNT_THRESHOLD, exact: false })).toBe(true);
    expect(wantsExactCount({ count: EXACT_COUNT_THRESHOLD * 2, exact: false })).toBe(false);
  });

  describe("on the database", () => {
    const tok = unique("Thr");
    const where = sql`c.company = ${tok}`;
    beforeAll(async () => {
      await db.execute(sql`
        insert into contacts (contact_key, last_name, company)
        select ${tok} || '-' || g, 'Counted', ${tok} from generate_series(1, 40) g`);
    });

    it("replaces an estimate with the exact number at or below the threshold", async () => {
      expect(await exactIfCheap(db, where, { count: 38, exact: false }, 50)).toEqual({ count: 40, exact: true });
      expect(await exactIfCheap(db, where, { count: 45, exact: false }, 40)).toEqual({ count: 40, exact: true });
    });

    it("keeps “about N” when more match than the threshold, or the estimate is far above it", async () => {
      // The count stops at threshold + 1 and finds more: the estimate stands.
      expect(await exactIfCheap(db, where, { count: 36, exact: false }, 30)).toEqual({ count: 36, exact: false });
      expect(await exactIfCheap(db, where, { count: 900, exact: false }, 50)).toEqual({ count: 900, exact: false });
    });
  });

  it("the list hands back an exact count to stream when its sampled total is an estimate below the threshold", async () => {
    await db.execute(sql`analyze contacts`);
    const columns = listColumns([]);
    await db.transaction(
      async (tx) => {
        // Sampling from 0 contacts: every list is "large", and a list without a predicate is estimated from the table's size.
        const result = await listContacts(tx, DEFAULT_LIST_PARAMS, { columns, visible: [...DEFAULT_COLUMNS], defaultCountry: "US", sampleFrom: 0 });
        expect(result.total.exact).toBe(false);
        const [row] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from contacts`);
        expect(row!.n).toBeLessThanOrEqual(EXACT_COUNT_THRESHOLD);
        expect(await result.exactTotal!()).toEqual({ count: Number(row!.n), exact: true });
      },
      { isolationLevel: "repeatable read" },
    );
  });
});
