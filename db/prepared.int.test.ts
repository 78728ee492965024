import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { PREPARE_MAX_PARAMS } from "./client";

/** The prepared statements of this transaction's connection whose text names `alias`. */
const preparedNaming = (tx: Parameters<Parameters<typeof db.transaction>[0]>[0], alias: string) =>
  tx.execute<{ n: number }>(sql`select count(*)::int as n from pg_prepared_statements where statement like ${`%${alias}%`}`);

describe("Drizzle's statements on the app's pool", () => {
  it("are prepared, once per connection, when they have few parameters; long lists stay unprepared", async () => {
    const short = `short_${Date.now().toString(36)}`;
    const long = `long_${Date.now().toString(36)}`;
    const many = Array.from({ length: PREPARE_MAX_PARAMS + 1 }, (_, i) => i);
    await db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) {
        const [row] = await tx.execute<{ v: number }>(sql`select ${i}::int as ${sql.identifier(short)}, ${i}::int as v`);
        expect(row!.v).toBe(i);
      }
      const [sum] = await tx.execute<{ s: number }>(sql`select (${sql.join(many.map((n) => sql`${n}::int`), sql` + `)})::int as ${sql.identifier(long)}, 1 as s`);
      expect(sum!.s).toBe(1);
      expect((await preparedNaming(tx, short))[0]!.n).toBe(1);
      expect((await preparedNaming(tx, long))[0]!.n).toBe(0);
      // A savepoint's client is the same connection, prepared the same way.
      await tx.transaction(async (inner) => {
        await inner.execute(sql`select ${1}::int as ${sql.identifier(`${short}_sp`)}`);
        expect((await preparedNaming(inner, `${short}_sp`))[0]!.n).toBe(1);
      });
    });
  });
});
