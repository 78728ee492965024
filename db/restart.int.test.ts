import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "./client";
import { startEmbedded, type EmbeddedServer } from "./embedded";

// PostgreSQL restarted under load: the app's pool (db/client.ts, as the server holds it) answers
// errors while the server is down, never hangs, and serves again once it is back, without a restart
// of the app. A cluster of its own, so the suite's server is never stopped.

describe("PostgreSQL restarted under load", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "sb-restart-"));
  let server: EmbeddedServer | undefined;
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("errors while it is down, then the same pool recovers by itself", async () => {
    server = await startEmbedded(path.join(dir, "pg"), 55100 + (process.pid % 400));
    const { port } = server;
    const { sql } = connect(server.adminUrl, { max: 4 });
    const query = () => sql`select count(*)::int as n from pg_class`.then(() => "ok" as const, (e: Error) => e);
    try {
      // Load: four connections busy in a loop while the server goes away and comes back; every
      // query is timed, so one that hangs instead of failing shows.
      let stop = false;
      const outcomes: { at: number; ms: number; ok: boolean }[] = [];
      const load = Promise.all(
        Array.from({ length: 4 }, async () => {
          while (!stop) {
            const at = performance.now();
            const outcome = await query();
            outcomes.push({ at, ms: performance.now() - at, ok: outcome === "ok" });
            await new Promise((r) => setTimeout(r, 5));
          }
        }),
      );
      await new Promise((r) => setTimeout(r, 300));
      await server.stop();
      const down = performance.now();
      await new Promise((r) => setTimeout(r, 2_000));
      const restarting = performance.now();
      server = await startEmbedded(path.join(dir, "pg"), port);
      expect(server.port).toBe(port);
      const up = performance.now();
      for (const started = Date.now(); !outcomes.some((o) => o.at > up && o.ok) && Date.now() - started < 10_000; ) {
        await new Promise((r) => setTimeout(r, 100));
      }
      stop = true;
      await load;

      // Queries answered while it was down are errors; a query still waiting when it came back may
      // well succeed then. None waits long: the reconnect backoff is capped at a second.
      const answeredWhileDown = outcomes.filter((o) => o.at > down && o.at + o.ms < restarting);
      expect(answeredWhileDown.length).toBeGreaterThan(0);
      expect(answeredWhileDown.every((o) => !o.ok)).toBe(true);
      const askedWhileDown = outcomes.filter((o) => o.at > down && o.at < restarting);
      expect(Math.max(...askedWhileDown.map((o) => o.ms))).toBeLessThan(3_000);
      // Back by itself: the same pool serves queries started after the restart.
      expect(outcomes.some((o) => o.at > up && o.ok)).toBe(true);
      expect(await query()).toBe("ok");
    } finally {
      await sql.end({ timeout: 1 });
    }
  }, 60_000);
});
