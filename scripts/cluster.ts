/**
 * `npm run cluster`: Switchboard as a team that outgrew one server runs it — several app instances
 * (3, on ports 3001–3003) on one PostgreSQL behind HAProxy (port 3000, round robin, no sticky
 * sessions, health checks on /api/health), every instance running the background jobs. Uses the
 * server of DATABASE_URL when set, otherwise the embedded PostgreSQL of `npm start` (.data/pg);
 * migrates, seeds the demo data, builds once. Ctrl+C stops everything.
 * Options: --instances N, --port P (the load balancer; instances on P+1…P+N), --stats-port P.
 */
import { DEMO_PASSWORD, DEMO_USERS } from "../db/seed";
import { ensureBuild } from "./lib/build";
import { ensureHaproxy, startCluster } from "./lib/cluster";
import { demoDatabase, resolveServer, sharedSecrets } from "./lib/database";
import { serverEnv } from "./lib/server-options";

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} takes a positive whole number.`);
    process.exit(2);
  }
  return value;
}
const instances = option("instances", 3);
const port = option("port", Number(process.env.PORT ?? 3000));
const statsPort = option("stats-port", port + 404);

try {
  ensureHaproxy({ install: true });
} catch (error) {
  console.error(`\n${(error as Error).message}\n`);
  process.exit(1);
}

const server = await resolveServer("pg");
const url = await demoDatabase(server);

const secrets = sharedSecrets();
await ensureBuild({ ...serverEnv(process.env), ...secrets, DATABASE_URL: url, NODE_ENV: "production" });
const instancePorts = Array.from({ length: instances }, (_, i) => port + 1 + i);
console.log(`Starting ${instances} instances (ports ${instancePorts.join(", ")}) and HAProxy (port ${port})…`);
const cluster = await startCluster({ databaseUrl: url, port, instancePorts, statsPort, secrets }).catch(async (error: Error) => {
  console.error(`\n${error.message}\n`);
  await server.stop().catch(() => {});
  process.exit(1);
});

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log("Stopping the instances, HAProxy and the database…");
  await cluster.stop();
  await server.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
for (const child of [cluster.haproxy, ...cluster.instances.map((i) => i.child)]) {
  child.on("exit", (code, signal) => {
    if (!stopping) console.error(`A process of the cluster stopped (${signal ?? `code ${code}`}); HAProxy sends the requests to the others.`);
  });
}

console.log(`
  Switchboard is running at ${cluster.url}  (${instances} instances behind HAProxy; database: ${server.embedded ? "embedded PostgreSQL" : "DATABASE_URL"})
  Instances: ${cluster.instances.map((i) => `http://localhost:${i.port}`).join("  ")}
  HAProxy's stats (requests per instance): ${cluster.statsUrl}

  Sign in with any of these (password: ${DEMO_PASSWORD}):
${DEMO_USERS.map((u) => `    ${u.role.padEnd(10)} ${u.email}`).join("\n")}

  Press Ctrl+C to stop.
`);
