import { sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { connect } from "./client";
import { useSetWiseSettings, useSetWiseSettingsRaw } from "./set-wise";

describe("useSetWiseSettings", () => {
  it("holds inside its transaction only, leaving the connection's forced custom plans for the list", async () => {
    const one = connect(inject("databaseUrl"), { max: 1 });
    try {
      const settings = () => one.sql<{ plan: string; jit: string; lock: string }[]>`
        select current_setting('plan_cache_mode') as plan, current_setting('jit') as jit, current_setting('lock_timeout') as lock`;
      const [before] = await settings();
      expect(before!.plan).toBe("force_custom_plan");
      const inside = await one.db.transaction(async (tx) => {
        await useSetWiseSettings(tx, { lockTimeoutMs: 1_500 });
        const [row] = await tx.execute<{ plan: string; jit: string; lock: string }>(
          sql`select current_setting('plan_cache_mode') as plan, current_setting('jit') as jit, current_setting('lock_timeout') as lock`,
        );
        return row;
      });
      expect(inside).toEqual({ plan: "auto", jit: "off", lock: "1500ms" });
      expect((await settings())[0]).toEqual(before);
      // The postgres.js form (import batches) sets the same, as locally.
      const raw = await one.sql.begin(async (tx) => {
        await useSetWiseSettingsRaw(tx);
        const [row] = await tx<{ plan: string; jit: string }[]>`select current_setting('plan_cache_mode') as plan, current_setting('jit') as jit`;
        return row;
      });
      expect(raw).toEqual({ plan: "auto", jit: "off" });
      expect((await settings())[0]).toEqual(before);
    } finally {
      await one.sql.end({ timeout: 5 });
    }
  });
});
