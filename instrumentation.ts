// Applies pending migrations once when the server starts, so a deploy never serves an old schema;
// then starts the import worker.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  if (process.env.SWITCHBOARD_SKIP_MIGRATE !== "1") {
    const { runMigrations } = await import("./db/migrate");
    await runMigrations(process.env.DATABASE_URL);
  }
  // Background workers run in the server only: not while `next build` collects pages, not under
  // Vitest, and not where an operator turned them off (e.g. a web-only instance).
  const building = process.env.NEXT_PHASE === "phase-production-build";
  if (building || process.env.VITEST || process.env.NODE_ENV === "test" || process.env.SWITCHBOARD_WORKERS === "off") return;
  // TEMPORARY: moves to lib/jobs' startWorkers() once that lands (see lib/import/queue.ts).
  const { startImportWorker } = await import("./lib/import/queue");
  startImportWorker().catch((error) => console.error("The import worker did not start; imports will wait in the queue.", error));
}
