import { expect, type Page } from "@playwright/test";
import { sql as rawSql } from "drizzle-orm";
import { z } from "zod";
import type { Connection } from "../../db/client";

/**
 * The cluster `npm test -- --only cluster` started (scripts/lib/cluster.ts): the instances behind the
 * load balancer (the tests' baseURL), each reachable on its own port, and HAProxy's stats page.
 */
const clusterEnv = z.object({
  CLUSTER_INSTANCES: z.string().transform((s, ctx) => {
    const parsed = z.array(z.object({ name: z.string(), port: z.number().int(), pid: z.number().int() })).min(2).safeParse(JSON.parse(s));
    if (!parsed.success) ctx.addIssue({ code: "custom", message: "CLUSTER_INSTANCES: a JSON list of { name, port, pid }" });
    return parsed.data ?? [];
  }),
  CLUSTER_STATS_URL: z.string().url(),
});
const parsed = clusterEnv.safeParse(process.env);
if (!parsed.success) throw new Error("These tests run against a cluster: `npm test -- --only cluster` starts one and sets CLUSTER_INSTANCES and CLUSTER_STATS_URL.");
const instances = parsed.data.CLUSTER_INSTANCES;
export const CLUSTER = { instances, statsUrl: parsed.data.CLUSTER_STATS_URL };

export const instanceUrl = (port: number) => `http://localhost:${port}`;

/** Requests each instance served so far (HAProxy's stot counter), by instance name. */
export async function servedByInstance(): Promise<Record<string, number>> {
  const [header, ...rows] = (await (await fetch(`${CLUSTER.statsUrl};csv`)).text()).replace(/^# /, "").trim().split("\n");
  const columns = header!.split(",");
  const [px, sv, stot] = ["pxname", "svname", "stot"].map((c) => columns.indexOf(c));
  const counts: Record<string, number> = {};
  for (const cells of rows.map((r) => r.split(","))) if (cells[px!] === "instances" && cells[sv!] !== "BACKEND") counts[cells[sv!]!] = Number(cells[stot!]);
  return counts;
}

/**
 * The instance whose connection holds a job's session advisory lock (its runner), by the
 * application_name each instance's pool carries (PGAPPNAME), or null while nobody runs it.
 */
export async function runnerOf(database: Connection, lockKey: string): Promise<string | null> {
  const rows = await database.db.execute<{ name: string }>(rawSql`
    select a.application_name as name from pg_locks l join pg_stat_activity a on a.pid = l.pid
    where l.locktype = 'advisory' and l.objsubid = 1 and l.granted
      and ((l.classid::bigint << 32) | l.objid::bigint) = hashtextextended(${lockKey}, 0)`);
  return rows[0]?.name ?? null;
}

/** Kills an instance as a crash does: SIGKILL, no clean-up of any kind. */
export function killInstance(name: string): void {
  const instance = instances.find((i) => i.name === name);
  if (!instance) throw new Error(`No instance ${name} in this cluster`);
  process.kill(instance.pid, "SIGKILL");
}

/** Uploads a CSV on the import page of `base` ("" for the load balancer) and reviews it with the automatic mapping. */
export async function uploadAndReview(page: Page, base: string, csv: string, name: string): Promise<void> {
  await page.goto(`${base}/contacts/import`);
  await page.getByLabel("CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByRole("heading", { name: "Map columns" })).toBeVisible({ timeout: 60_000 });
  await page.getByRole("button", { name: "Review" }).click();
  await expect(page.getByRole("heading", { name: "Review" })).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("button", { name: /^Import .+ rows$/ })).toBeVisible();
}
