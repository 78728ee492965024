/**
 * `npm run bench -- [--contacts N] [--instances N] [--only list,merge,bulk,import,review,load,api,inbound,audit,duplicates,pages] [--page-runs N] [--audit-entries N] [--runs N] [--api-creates N] [--rows N] [--batch-size N] [--bulk-runs N] [--bulk-target N] [--bulk-parts filter,add_tag,delete,export] [--review-mb N] [--json]`
 * Seeds (or reuses) N contacts in the database of DATABASE_URL, then prints the figures BENCHMARKS.md
 * defines, each beside its raw-SQL baseline from the same run.
 */
import { spawnSync } from "node:child_process";
import os from "node:os";
import { closeDb } from "../../db";
import { connect } from "../../db/client";
import { runMigrations } from "../../db/migrate";
import { benchApi } from "./api";
import { benchAudit } from "./audit";
import { benchBulk } from "./bulk";
import { benchDuplicates } from "./duplicates";
import { benchImport } from "./import";
import { benchInbound } from "./inbound";
import { benchList } from "./list";
import { benchLoad } from "./load";
import { benchMerge } from "./merge";
import { benchPages } from "./pages";
import { benchReview } from "./review";
import { seedLarge } from "./seed-large";
import { serverEnv } from "../lib/server-options";

// The figures are the server's: measured with the V8 options it runs with (scripts/lib/server-options.ts).
const asServer = serverEnv(process.env);
if (asServer !== process.env) {
  const { status } = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit", env: asServer });
  process.exit(status ?? 1);
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const json = process.argv.includes("--json");
const contacts = Number(option("contacts") ?? 1_000_000);
const runs = Number(option("runs") ?? 60);
const only = new Set((option("only") ?? "list").split(","));
// The HTTP parts (load, inbound, api) against this many instances behind HAProxy (scripts/lib/cluster.ts).
const instances = Number(option("instances") ?? 1);
const log = (m: string) => (json ? process.stderr : process.stdout).write(`${m}\n`);

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL to a PostgreSQL database for the benchmark (it will hold the seeded contacts).");
  process.exit(1);
}
await runMigrations(url);
const { sql } = connect(url, { max: 4 });
const [{ version }] = (await sql`select current_setting('server_version') as version`) as unknown as [{ version: string }];
log(`Switchboard bench: ${contacts} contacts, ${runs} runs each, PostgreSQL ${version}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${new Date().toISOString()}`);
await seedLarge(sql, contacts, log);

const figures: object[] = [];
if (only.has("list")) figures.push(...(await benchList(sql, runs, log)));
if (only.has("merge")) {
  const merge = await benchMerge(url, { runs: Number(option("merge-runs") ?? 7) });
  log(`merge: median ${merge.median_ms} ms, p95 ${merge.p95_ms} ms (raw ${merge.raw_median_ms}); undo: median ${merge.undo_median_ms} ms, p95 ${merge.undo_p95_ms} ms`);
  figures.push(merge);
}

if (only.has("bulk")) {
  const parts = option("bulk-parts");
  const bulkRuns = Number(option("bulk-runs") ?? 3);
  const target = option("bulk-target") ? Number(option("bulk-target")) : undefined;
  figures.push(...(await benchBulk(sql, { runs: Math.max(30, runs), bulkRuns, target, log }, parts ? new Set(parts.split(",")) : undefined)));
}
if (only.has("import")) {
  const batchSize = option("batch-size");
  const result = await benchImport(url, { rows: Number(option("rows") ?? 100_000), batchSize: batchSize ? Number(batchSize) : undefined, log });
  log(`import: ${result.rows_per_s} rows/s (COPY ${result.copy_rows_per_s} rows/s), peak RSS ${result.peak_rss_mb} MB (by tenth of the rows: ${result.rss_by_tenth_mb.join(" ")})`);
  figures.push(result);
}

if (only.has("review")) {
  const result = await benchReview({ megabytes: Number(option("review-mb") ?? 150), log });
  log(`review: ${result.file_mb} MB, ${result.rows} rows in ${result.seconds} s (${result.rows_per_s} rows/s), peak RSS ${result.peak_rss_mb} MB (${result.rss_before_mb} MB before)`);
  figures.push(result);
}

if (only.has("load")) {
  const load = await benchLoad(url, { clients: Number(option("clients") ?? 50), seconds: Number(option("seconds") ?? 300), instances, log });
  for (const f of load) log(`${f.name}: ${f.requests} requests, ${f.errors} errors, median ${f.median_ms} ms, p95 ${f.p95_ms} ms`);
  // The load's figure that must hold is "0 errors": any error fails the run (after its figures are printed).
  if (load.some((f) => f.errors > 0)) process.exitCode = 1;
  figures.push(...load);
}

if (only.has("pages")) figures.push(...(await benchPages(url, sql, { runs: Number(option("page-runs") ?? 30), log })));

if (only.has("api")) figures.push(...(await benchApi(url, sql, { runs, creates: Number(option("api-creates") ?? 2_000), log })));

if (only.has("inbound")) {
  figures.push(await benchInbound(url, sql, { clients: Number(option("clients") ?? 50), seconds: Number(option("seconds") ?? 60), instances, log }));
}

if (only.has("audit")) {
  figures.push(...(await benchAudit(sql, { entries: Number(option("audit-entries") ?? 5_000_000), runs, log })));
}

if (only.has("duplicates")) {
  for (const f of await benchDuplicates(sql, { contacts, log })) {
    log(`${f.name}: ${JSON.stringify({ ...f, name: undefined })}`);
    figures.push(f);
  }
}

if (json) for (const f of figures) console.log(JSON.stringify(f));
else console.table(figures);
await sql.end();
// Parts that call lib/ directly (api) use the app's pool: closed, or it would keep the process alive.
await closeDb();
