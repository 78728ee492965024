// Runs once when the Next server starts: applies pending migrations (so a deploy never serves an old
// schema), then starts this process's background workers (lib/jobs: bulk actions, imports).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const building = process.env.NEXT_PHASE === "phase-production-build";
  if (!building) {
    // Instances that do not share these would sign sessions and encrypt actions each their own way.
    const { assertSharedSecrets } = await import("./lib/auth/shared-secrets");
    try {
      assertSharedSecrets();
    } catch (error) {
      console.error(`\n${(error as Error).message}\n`);
      process.exit(1);
    }
  }
  // Sign-in limits per client address need the socket's, which Next does not hand to the app.
  const { stampPeerAddresses } = await import("./lib/auth/peer-address");
  stampPeerAddresses();
  // Half-set object storage settings stop the start here, not at the first upload.
  const { s3Settings } = await import("./lib/storage/s3-settings");
  s3Settings();
  if (!process.env.DATABASE_URL) return;
  if (process.env.SWITCHBOARD_SKIP_MIGRATE !== "1") {
    const { runMigrations } = await import("./db/migrate");
    await runMigrations(process.env.DATABASE_URL);
  }
  // Background workers run in the server only: not while `next build` collects pages, not under
  // Vitest, and not where an operator turned them off (SWITCHBOARD_WORKERS=0 or off: a web-only instance).
  const off = process.env.SWITCHBOARD_WORKERS === "0" || process.env.SWITCHBOARD_WORKERS === "off";
  if (building || off || process.env.VITEST) return;
  const { startWorkers } = await import("./lib/jobs/workers");
  // The site serves even if a queue cannot start; jobs wait in the database until it can.
  await startWorkers().catch((error) => console.error("Background workers did not start; jobs wait in the queue.", error));
}
