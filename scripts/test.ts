/**
 * `npm test`: the whole suite — typecheck and lint, unit, integration (real PostgreSQL) and end-to-end
 * (the built app in Chromium). Uses the server of DATABASE_URL when set, otherwise an embedded PostgreSQL, and makes
 * fresh databases for the run beside the one named (never touching its data).
 * Last, the cluster suite: the end-to-end journeys again through HAProxy in front of three instances,
 * then an instance killed mid-job (scripts/lib/cluster.ts, e2e/cluster/).
 * Options: --skip-e2e (also skips the cluster suite), --only lint|unit|integration|e2e|cluster, and test files (`*.test.ts`, `*.spec.ts`) to run
 * only those (with --only: `npm test -- --only e2e e2e/ui/settings.spec.ts`).
 */
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { connect } from "../db/client";
import { databaseUrl } from "../db/embedded";
import { dropDatabase, recreateDatabase, runMigrations } from "../db/migrate";
import { seedUsers } from "../db/seed";
import { ensureBuild } from "./lib/build";
import { ensureHaproxy, startCluster, type Cluster } from "./lib/cluster";
import { resolveServer } from "./lib/database";
import { freePort } from "./lib/free-port";
import { bin, ROOT, run } from "./lib/proc";
import { throwawaySecrets } from "./lib/server-options";
import { commandCounts, line, playwrightCounts, suiteOutcome, vitestCounts, type Counts } from "./lib/results";

const args = process.argv.slice(2);
const only = args.includes("--only") ? args[args.indexOf("--only") + 1] : undefined;
const files = args.filter((a) => /\.(test|spec)\.tsx?$/.test(a));
// A project none of the named files belongs to runs nothing, and says so without failing.
const chosen = files.length ? [...files, "--passWithNoTests"] : [];
const wants = (suite: string) => (only ? only === suite : !["e2e", "cluster"].includes(suite) || !args.includes("--skip-e2e"));

const resultsDir = path.join(ROOT, ".data", "test-results");
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const server = await resolveServer("test-pg", 54339);
const base = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).pathname.slice(1) || "switchboard" : "switchboard";
const dbName = (suffix: string) => `${base}_t_${suffix}`.replace(/[^a-z0-9_]/gi, "_").toLowerCase();
const names = { integration: dbName("int"), bench: dbName("bench"), e2e: dbName("e2e"), cluster: dbName("cluster") };
const urls = {
  integration: databaseUrl(server.adminUrl, names.integration),
  bench: databaseUrl(server.adminUrl, names.bench),
  e2e: databaseUrl(server.adminUrl, names.e2e),
  cluster: databaseUrl(server.adminUrl, names.cluster),
};

/** A suite's counts, and whether its runner exited with an error (a server that did not start, say). */
type SuiteResult = [string, Counts | null, boolean];
const results: SuiteResult[] = [];

/** Makes, migrates and seeds (the demo users) a fresh database for a suite that drives the built app. */
async function freshAppDatabase(name: string, url: string): Promise<void> {
  await recreateDatabase(server.adminUrl, name);
  await runMigrations(url);
  const { sql, db } = connect(url, { max: 1 });
  await seedUsers(db);
  await sql.end();
}

/** Runs a Vitest project against a freshly made and migrated database of its own. */
async function vitestOnFreshDatabase(suite: string, project: "integration" | "bench"): Promise<SuiteResult> {
  await recreateDatabase(server.adminUrl, names[project]);
  await runMigrations(urls[project]);
  const file = path.join(resultsDir, `${project}.json`);
  const code = await run(bin("vitest"), ["run", "--project", project, ...chosen, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], {
    env: { ...process.env, SWITCHBOARD_TEST_DATABASE_URL: urls[project] },
  });
  return [suite, vitestCounts(file), code !== 0];
}

/**
 * Three instances of the build behind HAProxy on a database of their own; Playwright drives them
 * through the balancer (E2E_BASE_URL) and, for some checks, each instance on its own port.
 * No HAProxy: the suite fails with the command that installs it.
 */
async function clusterSuite(): Promise<SuiteResult> {
  try {
    ensureHaproxy({ install: false });
  } catch (error) {
    console.error(`\n${(error as Error).message}\n`);
    return ["cluster", null, true];
  }
  await freshAppDatabase(names.cluster, urls.cluster);
  const env = { ...process.env, DATABASE_URL: urls.cluster, NODE_ENV: "production" as const };
  try {
    await ensureBuild(env);
  } catch (error) {
    console.error((error as Error).message);
    return ["cluster", null, true];
  }
  const port = await freePort(3200);
  const instancePorts: number[] = [];
  for (let preferred = port + 1; instancePorts.length < 3; preferred++) {
    const free = await freePort(preferred);
    if (free !== port && !instancePorts.includes(free)) instancePorts.push(free);
  }
  const statsPort = await freePort(3299);
  const file = path.join(resultsDir, "cluster.json");
  let cluster: Cluster | undefined;
  try {
    cluster = await startCluster({
      databaseUrl: urls.cluster,
      port,
      instancePorts,
      statsPort,
      secrets: throwawaySecrets("e2e"),
      // The webhook test's receiver listens on this machine (lib/webhooks/target-guard.ts).
      env: { SWITCHBOARD_WEBHOOK_PRIVATE_TARGETS: "allow" },
      quiet: true,
    });
    const instances = cluster.instances.map((i) => ({ name: i.name, port: i.port, pid: i.child.pid }));
    const code = await run(
      bin("playwright"),
      // The journeys of the e2e suite (project cluster-journeys, playwright.config.ts), then e2e/cluster/;
      // with files named (`--only cluster e2e/cluster/takeover.spec.ts`), those alone.
      files.length
        ? ["test", "--no-deps", "--project=cluster", "--project=cluster-takeover", ...files]
        : ["test", "--project=setup", "--project=cluster-journeys", "--project=cluster", "--project=cluster-takeover"],
      { env: { ...env, E2E_JSON: file, E2E_BASE_URL: cluster.url, CLUSTER_INSTANCES: JSON.stringify(instances), CLUSTER_STATS_URL: cluster.statsUrl } },
    );
    return ["cluster", playwrightCounts(file), code !== 0];
  } catch (error) {
    console.error((error as Error).message);
    return ["cluster", null, true];
  } finally {
    await cluster?.stop();
  }
}

let exitCode = 0;
try {
  // First, and quick: a type error or a lint finding fails the run even when every test passes.
  if (wants("lint")) {
    const typecheck = await run(bin("tsc"), ["--noEmit"]);
    const lint = await run(bin("eslint"), [".", "--max-warnings", "0"]);
    results.push(["lint", commandCounts([typecheck, lint]), false]);
  }
  if (wants("unit")) {
    const file = path.join(resultsDir, "unit.json");
    const code = await run(bin("vitest"), ["run", "--project", "unit", ...chosen, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`]);
    results.push(["unit", vitestCounts(file), code !== 0]);
  }
  if (wants("integration")) {
    results.push(await vitestOnFreshDatabase("integration", "integration"));
    // The benchmarks' checks on a tiny seed, alone on a database of their own.
    results.push(await vitestOnFreshDatabase("benchmarks", "bench"));
  }
  if (wants("e2e")) {
    await freshAppDatabase(names.e2e, urls.e2e);
    const env = { ...process.env, DATABASE_URL: urls.e2e, NODE_ENV: "production" as const };
    const built = await ensureBuild(env).then(
      () => true,
      (error: Error) => (console.error(error.message), false),
    );
    const file = path.join(resultsDir, "e2e.json");
    // A free port, so that the suite runs beside `npm start` or anything else on 3100.
    const port = process.env.E2E_PORT ?? String(await freePort(3100));
    const code = built ? await run(bin("playwright"), ["test", "--project=setup", "--project=ui", ...files], { env: { ...env, E2E_JSON: file, E2E_PORT: port } }) : 1;
    results.push(["e2e", built ? playwrightCounts(file) : null, code !== 0]);
  }
  if (wants("cluster")) results.push(await clusterSuite());
} finally {
  for (const name of Object.values(names)) await dropDatabase(server.adminUrl, name).catch(() => {});
  await server.stop();
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
console.log("");
for (const [suite, reported, runnerFailed] of results) {
  const { counts, note } = suiteOutcome(reported, runnerFailed);
  console.log(`${line(suite, counts)}${note}`);
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}
if (total.passed === 0) exitCode = 1;
console.log(line("total", total));
process.exit(exitCode || (total.failed ? 1 : 0));
