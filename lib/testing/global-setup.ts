import type { TestProject } from "vitest/node";
import { databaseUrl } from "../../db/embedded";
import { dropDatabase, recreateDatabase, runMigrations } from "../../db/migrate";
import { resolveServer } from "../../scripts/lib/database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * Integration tests run on a fresh database with migrations applied: the one `npm test` prepared
 * (SWITCHBOARD_TEST_DATABASE_URL), or else one made here on the DATABASE_URL server or an embedded one.
 */
export default async function setup(project: TestProject) {
  const prepared = process.env.SWITCHBOARD_TEST_DATABASE_URL;
  if (prepared) {
    project.provide("databaseUrl", prepared);
    return;
  }
  const server = await resolveServer("test-pg", 54339);
  const name = `switchboard_vitest_${process.pid}`;
  await recreateDatabase(server.adminUrl, name);
  const url = databaseUrl(server.adminUrl, name);
  await runMigrations(url);
  project.provide("databaseUrl", url);
  return async () => {
    await dropDatabase(server.adminUrl, name);
    await server.stop();
  };
}
