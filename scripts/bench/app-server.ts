import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "../../db";
import { apiTokens, users, type ApiToken } from "../../db/schema";
import { DEMO_USERS, seedUsers } from "../../db/seed";
import { hashSecret } from "../../lib/api-tokens/tokens";
import { ensureBuild } from "../lib/build";
import { freePort } from "../lib/free-port";
import { bin, start, waitForHttp } from "../lib/proc";
import { serverEnv, throwawaySecrets } from "../lib/server-options";

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
export async function startBenchApp(url: string, tokenName: string): Promise<BenchApp> {
  await seedUsers(db);
  const adminEmail = DEMO_USERS.find((u) => u.role === "admin")!.email;
  const [admin] = await db.select().from(users).where(eq(users.email, adminEmail));
  const secret = `sb_${randomBytes(32).toString("base64url")}`;
  const [token] = await db
    .insert(apiTokens)
    .values({ name: tokenName, scope: "write", tokenHash: hashSecret(secret), prefix: secret.slice(0, 10), createdById: admin!.id })
    .returning();
  const env = { ...serverEnv(process.env), DATABASE_URL: url, NODE_ENV: "production" as const, SWITCHBOARD_WORKERS: "0", SWITCHBOARD_SKIP_MIGRATE: "1" };
  await ensureBuild(env);
  const port = await freePort(3400);
  const base = `http://localhost:${port}`;
  // The rate limit would refuse the benchmark's own pace: it is the door's check, not its cost, that is measured.
  const server = start(bin("next"), ["start", "-p", String(port)], {
    env: { ...env, NEXTAUTH_URL: base, ...throwawaySecrets("bench"), SWITCHBOARD_API_RATE_LIMIT: "100000000" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const stop = async () => {
    server.kill("SIGTERM");
    await db.delete(apiTokens).where(eq(apiTokens.id, token!.id));
  };
  try {
    await waitForHttp(`${base}/api/health`, 120_000, server);
  } catch (error) {
    await stop();
    throw error;
  }
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
