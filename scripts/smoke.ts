/**
 * `npm run test:smoke`: starts the app exactly as the README says (`npm start`: embedded PostgreSQL
 * unless DATABASE_URL is set, demo data), then checks in Chromium that the login page answers and the
 * demo admin can sign in and the demo data is found as it is spelled. With SMOKE_URL it checks an app
 * that is already running instead (CI starts `npm start` once and keeps it running beside `npm test`).
 */
import path from "node:path";
import { bin, ROOT, run, start, waitForHttp } from "./lib/proc";
import { line, playwrightCounts } from "./lib/results";

const port = Number(process.env.SMOKE_PORT ?? 3200);
const url = process.env.SMOKE_URL ?? `http://localhost:${port}`;
const app = process.env.SMOKE_URL ? undefined : start("npm", ["start"], { env: { ...process.env, PORT: String(port) }, detached: true });
let code = 1;
try {
  await waitForHttp(`${url}/api/health`, 300_000, app);
  const file = path.join(ROOT, ".data", "test-results", "smoke.json");
  code = await run(bin("playwright"), ["test", "--project=smoke"], { env: { ...process.env, E2E_BASE_URL: url, E2E_JSON: file } });
  const counts = playwrightCounts(file);
  console.log(counts ? line("smoke", counts) : "smoke: no results");
  if (!counts || counts.passed === 0) code = 1;
} finally {
  if (app) {
    // The launcher stops its embedded PostgreSQL when it gets SIGTERM.
    try {
      process.kill(-app.pid!, "SIGTERM");
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 1500));
  }
}
process.exit(code);
