/**
 * The two secrets every app instance must share: NEXTAUTH_SECRET signs the session cookie (a user
 * signed in through one instance is signed in on every other only when they sign alike), and
 * NEXT_SERVER_ACTIONS_ENCRYPTION_KEY encrypts the values server actions close over (Next reads it at
 * run time; unset, each build makes its own, and a page served by one build posts actions another
 * cannot read).
 *
 * The launchers (`npm start`, `npm test`, `npm run cluster`) pass values they generated and kept in
 * `.data/` (scripts/lib/database.ts). A server started any other way in production, or as one of
 * several instances (SWITCHBOARD_INSTANCES > 1), refuses to start without them rather than make up
 * values of its own that the other instances would not share.
 */
import { z } from "zod";

export const SHARED_SECRETS = ["NEXTAUTH_SECRET", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"] as const;

const MAKE_ONE = "openssl rand -base64 32";

const startupEnv = z.object({
  NODE_ENV: z.string().optional(),
  SWITCHBOARD_INSTANCES: z.string().optional(),
  NEXTAUTH_SECRET: z.string().optional(),
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z.string().optional(),
});

/** AES-GCM takes a key of 16, 24 or 32 bytes, which Next reads from base64. */
function isAesKey(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  return [16, 24, 32].includes(Buffer.from(value, "base64").length);
}

/**
 * What is wrong with the shared secrets of `env` for a server starting now, one line each, or an
 * empty list. Checked only in production or when several instances run; a development server makes
 * do without.
 */
export function sharedSecretProblems(rawEnv: Record<string, string | undefined>): string[] {
  const env = startupEnv.parse(rawEnv);
  const instances = Number(env.SWITCHBOARD_INSTANCES ?? "1");
  const several = Number.isFinite(instances) && instances > 1;
  if (env.NODE_ENV !== "production" && !several) return [];
  const why = several ? `SWITCHBOARD_INSTANCES is ${env.SWITCHBOARD_INSTANCES}` : "NODE_ENV is production";
  const problems: string[] = [];
  for (const name of SHARED_SECRETS) {
    const value = env[name]?.trim();
    if (!value) {
      problems.push(`${name} is not set (${why}): every app instance must use the same value. Make one with \`${MAKE_ONE}\` and set it in each instance's environment.`);
    } else if (name === "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY" && !isAesKey(value)) {
      problems.push(`${name} is not the base64 of a 16-, 24- or 32-byte key. Make one with \`${MAKE_ONE}\`.`);
    }
  }
  return problems;
}

/** Stops the server's start-up with one clear message when the shared secrets are missing. */
export function assertSharedSecrets(env: Record<string, string | undefined> = process.env): void {
  const problems = sharedSecretProblems(env);
  if (problems.length === 0) return;
  throw new Error(`Switchboard cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
}
