import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { connect } from "../../db/client";
import { databaseUrl, startEmbedded } from "../../db/embedded";
import { recreateDatabase, runMigrations } from "../../db/migrate";
import { seedDemo } from "../../db/seed";
import { ROOT } from "./proc";

export interface Server {
  /** URL of a maintenance database on the server, for creating and dropping databases. */
  adminUrl: string;
  embedded: boolean;
  /** The embedded cluster's data folder (undefined for DATABASE_URL). */
  dataDir?: string;
  stop(): Promise<void>;
}

/**
 * The PostgreSQL server named by DATABASE_URL or, when it is unset, an embedded one whose data
 * lives in `.data/<name>` (started now, stopped with `stop`).
 */
export async function resolveServer(embeddedName: string, port?: number): Promise<Server> {
  const url = process.env.DATABASE_URL;
  if (url) return { adminUrl: databaseUrl(url, "postgres"), embedded: false, stop: async () => {} };
  try {
    const server = await startEmbedded(path.join(ROOT, ".data", embeddedName), port);
    return { adminUrl: server.adminUrl, embedded: true, dataDir: server.dataDir, stop: server.stop };
  } catch (error) {
    // A newcomer's first command: one clear sentence, not a stack trace.
    console.error(`\n${(error as Error).message}\n`);
    process.exit(1);
  }
}

/**
 * The launchers' database (`npm start`, `npm run cluster`): DATABASE_URL's, or `switchboard` on the
 * embedded server (made on the first start); migrated, with the demo data seeded once.
 */
export async function demoDatabase(server: Server): Promise<string> {
  let url = process.env.DATABASE_URL;
  if (!url) {
    url = databaseUrl(server.adminUrl, "switchboard");
    const { sql } = connect(server.adminUrl, { max: 1 });
    const [exists] = await sql`select 1 from pg_database where datname = 'switchboard'`;
    await sql.end();
    if (!exists) await recreateDatabase(server.adminUrl, "switchboard");
  }
  await runMigrations(url);
  const { sql, db } = connect(url, { max: 2 });
  const { created } = await seedDemo(db);
  await sql.end();
  if (created) console.log(`Seeded ${created} demo contacts.`);
  return url;
}

/** A secret from the environment, or one generated once and kept in `.data/<file>` (mode 600). */
function keptSecret(name: string, file: string): string {
  const fromEnv = process.env[name]?.trim();
  if (fromEnv) return fromEnv;
  const kept = path.join(ROOT, ".data", file);
  if (!existsSync(kept)) {
    mkdirSync(path.dirname(kept), { recursive: true });
    // base64 of 32 bytes: what `openssl rand -base64 32` makes, and an AES-256 key for Next.
    writeFileSync(kept, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return readFileSync(kept, "utf8").trim();
}

/**
 * The secrets every instance of the app must share (lib/auth/shared-secrets.ts), for a launcher to
 * pass to the servers it starts: from the environment, or generated once into `.data/`.
 */
export function sharedSecrets(): { NEXTAUTH_SECRET: string; NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: string } {
  return {
    NEXTAUTH_SECRET: keptSecret("NEXTAUTH_SECRET", "auth-secret"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: keptSecret("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY", "server-actions-key"),
  };
}
