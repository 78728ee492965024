import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "../../db";
import { apiTokens, users, type ApiToken } from "../../db/schema";
import { DEMO_USERS, seedUsers } from "../../db/seed";
import { hashSecret } from "../../lib/api-tokens/tokens";
import { ensureBuild } from "../lib/build";
import { startCluster } from "../lib/cluster";
import { freePort } from "../lib/free-port";
import { bin, start, waitForHttp } from "../lib/proc";
import { serverEnv, throwawaySecrets } from "../lib/server-options";

export interface AppServers {
  base: string;
  /** Instances serving (1: the app alone; more: behind HAProxy, scripts/lib/cluster.ts). */
  instances: number;
  stop: () => Promise<void>;
}

/**
 * The built app under `next start` on free ports against `url`: one instance on its own, or
 * `instances` of them behind HAProxy (round robin), the figures of docs/deploy.md. Background
 * workers off: the benchmarks measure the doors.
 */
export async function startAppServers(url: string, options: { instances: number; label: string; env?: Record<string, string> }): Promise<AppServers> {
  const env = { ...serverEnv(process.env), DATABASE_URL: url, NODE_ENV: "production" as const, SWITCHBOARD_WORKERS: "0", SWITCHBOARD_SKIP_MIGRATE: "1" };
  await ensureBuild(env);
  const secrets = throwawaySecrets(options.label);
  if (options.instances > 1) {
    const port = await freePort(3500);
    const instancePorts: number[] = [];
    for (let preferred = port + 1; instancePorts.length < options.instances; preferred++) {
      const free = await freePort(preferred);
      if (free !== port && !instancePorts.includes(free)) instancePorts.push(free);
    }
    const cluster = await startCluster({
      databaseUrl: url,
      port,
      instancePorts,
      statsPort: await freePort(3599),
      secrets,
      env: { SWITCHBOARD_WORKERS: "0", ...options.env },
      quiet: true,
    });
    return { base: cluster.url, instances: options.instances, stop: cluster.stop };
  }
  const port = await freePort(3400);
  const base = `http://localhost:${port}`;
  const server = start(bin("next"), ["start", "-p", String(port)], {
    env: { ...env, ...secrets, NEXTAUTH_URL: base, ...options.env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = async () => {
    if (server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
    server.kill("SIGTERM");
    await exited;
  };
  try {
    await waitForHttp(`${base}/api/health`, 120_000, server);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, instances: 1, stop };
}

export interface BenchApp {
  base: string;
  /** The Authorization header of a `write` token of the demo admin's, inserted directly. */
  headers: Record<string, string>;
  token: ApiToken;
  /** Stops the server and removes the token. */
  stop: () => Promise<void>;
}

/**
 * The built app (`next build` when the sources are newer than the build) under `next start` on a free
 * port against the bench database, with a write token: what the API parts of the bench call through HTTP.
 */
export async function startBenchApp(url: string, tokenName: string, instances = 1): Promise<BenchApp> {
  await seedUsers(db);
  const adminEmail = DEMO_USERS.find((u) => u.role === "admin")!.email;
  const [admin] = await db.select().from(users).where(eq(users.email, adminEmail));
  const secret = `sb_${randomBytes(32).toString("base64url")}`;
  const [token] = await db
    .insert(apiTokens)
    .values({ name: tokenName, scope: "write", tokenHash: hashSecret(secret), prefix: secret.slice(0, 10), createdById: admin!.id })
    .returning();
  const removeToken = () => db.delete(apiTokens).where(eq(apiTokens.id, token!.id));
  // The rate limit would refuse the benchmark's own pace: it is the door's check, not its cost, that is measured.
  const servers = await startAppServers(url, { instances, label: "bench", env: { SWITCHBOARD_API_RATE_LIMIT: "100000000" } }).catch(async (error: Error) => {
    await removeToken();
    throw error;
  });
  const base = servers.base;
  const stop = async () => {
    await servers.stop();
    await removeToken();
  };
  return { base, headers: { authorization: `Bearer ${secret}` }, token: token!, stop };
}

/** Calls `one` from `clients` concurrent callers until `total` calls are made or `until` (a performance.now() time) has passed. */
export async function concurrently(
  clients: number,
  limits: { total?: number; until?: number },
  one: (i: number) => Promise<void>,
): Promise<{ seconds: number; times: number[]; errors: string[] }> {
  const times: number[] = [];
  const errors: string[] = [];
  let next = 0;
  const more = () => (limits.total === undefined || next < limits.total) && (limits.until === undefined || performance.now() < limits.until);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (more()) {
        const i = next++;
        const t = performance.now();
        try {
          await one(i);
          times.push(performance.now() - t);
        } catch (error) {
          errors.push((error as Error).message);
        }
      }
    }),
  );
  return { seconds: (performance.now() - t0) / 1000, times, errors };
}
