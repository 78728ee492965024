// Applies pending migrations once when the server starts, so a deploy never serves an old schema.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  if (process.env.SWITCHBOARD_SKIP_MIGRATE === "1") return;
  const { runMigrations } = await import("./db/migrate");
  await runMigrations(process.env.DATABASE_URL);
}
