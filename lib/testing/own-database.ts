import { afterAll, beforeAll, inject } from "vitest";
import { closeDb, rawSql } from "@/db";
import { databaseUrl } from "@/db/embedded";
import { dropDatabase, recreateDatabase, runMigrations } from "@/db/migrate";
import { stopBoss } from "@/lib/jobs/boss";

/**
 * Gives the calling test file a freshly migrated database of its own, beside the suite's, for tests
 * that assert "nothing at all changed": other files write to the suite's database at the same time,
 * so a whole-database fingerprint is only meaningful on a database nobody else uses. Call it at the
 * top of the file, before anything touches `db` (which connects lazily).
 */
export function useOwnDatabase(tag: string): void {
  const suiteUrl = inject("databaseUrl");
  const adminUrl = databaseUrl(suiteUrl, "postgres");
  const name = `${new URL(suiteUrl).pathname.slice(1)}_${tag}_${process.pid}`.toLowerCase().replace(/[^a-z0-9_]/g, "_").slice(0, 63);
  beforeAll(async () => {
    await recreateDatabase(adminUrl, name);
    await runMigrations(databaseUrl(adminUrl, name));
    await closeDb();
    process.env.DATABASE_URL = databaseUrl(adminUrl, name);
  });
  afterAll(async () => {
    await stopBoss();
    await closeDb();
    process.env.DATABASE_URL = suiteUrl;
    await dropDatabase(adminUrl, name);
  });
}

/**
 * Every application table's row count and a hash of its rows (stored files included: they are
 * tables too, lib/storage). Two equal fingerprints mean nothing was written. The job queue's own schema (pgboss) is left
 * out: its maintenance runs on its own clock.
 */
export async function databaseFingerprint(): Promise<Record<string, string>> {
  const sql = rawSql();
  const tables = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  const query = tables
    .map(({ name }) => `select '${name}' as name, count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as print from "${name}" t`)
    .join(" union all ");
  const rows = await sql.unsafe<{ name: string; print: string }[]>(query);
  return Object.fromEntries(rows.map((r) => [r.name, r.print]));
}
