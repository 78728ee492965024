import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";

/**
 * Where the embedded PostgreSQL's binaries and data live, and which user runs it.
 *
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user. That user
 * must reach the binaries (in node_modules) and the data directory (in .data/): a clone in root's
 * home (mode 700) or any directory it cannot traverse is out of its reach. Then the binaries are
 * copied once to sharedHome() and the data directory is kept there too, one per project folder.
 */
export function sharedHome(): string {
  return process.env.SWITCHBOARD_EMBEDDED_HOME || "/var/lib/switchboard";
}

export class EmbeddedUnavailable extends Error {}

export interface RunAs {
  uid: number;
  gid: number;
}

export interface EmbeddedHome {
  bin: string;
  dataDir: string;
  runAs?: RunAs;
}

function idOf(flag: "-u" | "-g"): number | undefined {
  const out = spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  return out.status === 0 ? Number(out.stdout.trim()) : undefined;
}

function postgresUser(): RunAs {
  if (idOf("-u") === undefined) {
    const made = spawnSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"], { encoding: "utf8" });
    if (made.status !== 0) {
      throw new EmbeddedUnavailable(
        `Running as root, the embedded PostgreSQL needs a "postgres" system user and could not create one (${made.stderr.trim() || "useradd failed"}). Create it (useradd --system postgres) or set DATABASE_URL to a PostgreSQL server.`,
      );
    }
  }
  return { uid: idOf("-u")!, gid: idOf("-g")! };
}

/** True when `user` can traverse to and open `target` (a file to execute or a directory to enter). */
function reaches(user: RunAs, target: string): boolean {
  return spawnSync("test", ["-x", target], { uid: user.uid, gid: user.gid }).status === 0;
}

function mustReach(user: RunAs, target: string): string {
  if (reaches(user, target)) return target;
  throw new EmbeddedUnavailable(
    `The embedded PostgreSQL runs as the "postgres" user, which cannot reach ${target}. Let that user traverse its folders (chmod o+x), set SWITCHBOARD_EMBEDDED_HOME to a folder it can reach, or set DATABASE_URL to a PostgreSQL server.`,
  );
}

function sharedDir(...parts: string[]): string {
  const home = sharedHome();
  const dir = path.join(home, ...parts);
  try {
    mkdirSync(dir, { recursive: true });
    for (let d = dir; d.startsWith(home); d = path.dirname(d)) chmodSync(d, 0o755);
  } catch (error) {
    throw new EmbeddedUnavailable(
      `The embedded PostgreSQL runs as the "postgres" user, which cannot reach this folder, and ${dir} could not be created for it (${(error as Error).message}). Move the project to a folder that user can traverse, or set DATABASE_URL to a PostgreSQL server.`,
    );
  }
  return dir;
}

/** A copy of the binaries under sharedHome(), made once per package version (atomically: two launchers may race). */
function sharedBinaries(user: RunAs, bin: string): string {
  const native = path.dirname(bin);
  const pkg = JSON.parse(readFileSync(path.join(native, "..", "package.json"), "utf8")) as { name: string; version: string };
  const target = path.join(sharedDir(), `postgres-${pkg.version}`);
  if (!existsSync(path.join(target, "bin", "postgres"))) {
    const partial = `${target}.${process.pid}.partial`;
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    try {
      renameSync(partial, target);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another launcher finished first
    }
  }
  return path.dirname(mustReach(user, path.join(target, "bin", "postgres")));
}

/** `dataDir` if the `postgres` user can reach its folder, else a folder of its own under sharedHome(). */
function reachableDataDir(user: RunAs, dataDir: string): string {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  if (reaches(user, path.dirname(dataDir))) return dataDir;
  const project = path.dirname(path.dirname(dataDir));
  const key = `${path.basename(project)}-${createHash("sha256").update(project).digest("hex").slice(0, 10)}`;
  return path.join(mustReach(user, sharedDir("data", key)), path.basename(dataDir));
}

/** `bin` is the packaged binaries' folder, `dataDir` where the project keeps this cluster. */
export function embeddedHome(bin: string, dataDir: string): EmbeddedHome {
  if (userInfo().uid !== 0) return { bin, dataDir };
  const runAs = postgresUser();
  return {
    bin: reaches(runAs, path.join(bin, "postgres")) ? bin : sharedBinaries(runAs, bin),
    dataDir: reachableDataDir(runAs, dataDir),
    runAs,
  };
}
