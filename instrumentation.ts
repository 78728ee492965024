// Runs once when the Next server starts: applies pending migrations (so a deploy never serves an old
// schema), then starts this process's background workers (lib/jobs: bulk actions, imports).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  if (process.env.SWITCHBOARD_SKIP_MIGRATE !== "1") {
    const { runMigrations } = await import("./db/migrate");
    await runMigrations(process.env.DATABASE_URL);
  }
  // `next build` may load the server to prerender: no workers there; SWITCHBOARD_WORKERS=0 turns them off.
  if (process.env.NEXT_PHASE === "phase-production-build" || process.env.SWITCHBOARD_WORKERS === "0") return;
  const { startWorkers } = await import("./lib/jobs/workers");
  // The site serves even if the queue cannot start; jobs wait in the database until it can.
  await startWorkers().catch((error) => console.error("Background workers did not start", error));
}
