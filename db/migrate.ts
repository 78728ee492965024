import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { connect } from "./client";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

// Any fixed number: it serialises concurrent migrators (the launcher and the app starting together).
const MIGRATION_LOCK = 727_001;

export async function runMigrations(url: string, migrationsFolder = MIGRATIONS_FOLDER): Promise<void> {
  const { sql, db } = connect(url, { max: 1 });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      await migrate(db, { migrationsFolder });
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Creates `name` on the server at `adminUrl`, dropping any database of that name first. `options`
 * is SQL appended to CREATE DATABASE (tests use it for a database in another locale).
 */
export async function recreateDatabase(adminUrl: string, name: string, options = ""): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Bad database name: ${name}`);
  const { sql } = connect(adminUrl, { max: 1 });
  try {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
    await sql.unsafe(`create database "${name}" ${options}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const { sql } = connect(adminUrl, { max: 1 });
  try {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
