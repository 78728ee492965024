import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { databaseUrl, startEmbedded } from "../../db/embedded";
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

/** The session-signing secret: from the environment, or one generated once and kept in `.data/`. */
export function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(ROOT, ".data", "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}
