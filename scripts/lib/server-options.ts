import { createHash } from "node:crypto";

/**
 * V8 options of the process that serves Switchboard and runs its background jobs. An import makes a
 * few short-lived objects per row (parsed fields, phone numbers, COPY lines) while two batches are
 * in flight; with V8's default young generation they were collected over and over, and 64 MB
 * semi-spaces took ~15 % off the import process's CPU time (BENCHMARKS.md) for ~70 MB more at peak.
 */
export const SERVER_NODE_OPTIONS = ["--max-semi-space-size=64"];

const flagName = (option: string) => option.split("=")[0]!;

/** `env` with the server's options added to NODE_OPTIONS; an option the operator set stays theirs. */
export function serverEnv<Env extends Record<string, string | undefined>>(env: Env): Env {
  const current = (env.NODE_OPTIONS ?? "").split(/\s+/).filter(Boolean);
  const missing = SERVER_NODE_OPTIONS.filter((o) => !current.some((c) => flagName(c) === flagName(o)));
  return missing.length ? { ...env, NODE_OPTIONS: [...current, ...missing].join(" ") } : env;
}

/**
 * Fixed shared secrets (lib/auth/shared-secrets.ts) for servers that only tests and benchmarks
 * reach: `label` names them in the session secret; the actions key is the base64 of 32 bytes.
 */
export function throwawaySecrets(label: string): { NEXTAUTH_SECRET: string; NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: string } {
  return {
    NEXTAUTH_SECRET: `${label}-only-secret-not-for-production`,
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: createHash("sha256").update(`${label}-only-actions-key`).digest("base64"),
  };
}
