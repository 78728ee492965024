/**
 * `npm start`: runs Switchboard with demo data. Uses the PostgreSQL server of DATABASE_URL when it
 * is set, otherwise an embedded PostgreSQL kept in .data/pg. `--dev` runs `next dev` instead of a build.
 */
import path from "node:path";
import { DEMO_PASSWORD, DEMO_USERS } from "../db/seed";
import { ensureBuild } from "./lib/build";
import { demoDatabase, resolveServer, sharedSecrets } from "./lib/database";
import { bin, start, waitForHttp } from "./lib/proc";
import { serverEnv } from "./lib/server-options";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const appUrl = `http://localhost:${port}`;

const server = await resolveServer("pg");
const url = await demoDatabase(server);


const env: NodeJS.ProcessEnv = {
  ...serverEnv(process.env),
  DATABASE_URL: url,
  ...sharedSecrets(),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? appUrl,
  // The launcher migrated already.
  SWITCHBOARD_SKIP_MIGRATE: "1",
};
if (!dev) await ensureBuild({ ...env, NODE_ENV: "production" });

const child = start(bin("next"), [dev ? "dev" : "start", "-p", String(port)], { env });
let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
  await server.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
child.on("exit", (code) => void shutdown(code ?? 0));

await waitForHttp(`${appUrl}/api/health`, 120_000, child);
const shownDir = server.dataDir?.startsWith(process.cwd()) ? path.relative(process.cwd(), server.dataDir) : server.dataDir;
const database = server.embedded ? `embedded PostgreSQL in ${shownDir}` : "DATABASE_URL";
console.log(`
  Switchboard is running at ${appUrl}  (database: ${database})

  Sign in with any of these (password: ${DEMO_PASSWORD}):
${DEMO_USERS.map((u) => `    ${u.role.padEnd(10)} ${u.email}`).join("\n")}

  Press Ctrl+C to stop.
`);
