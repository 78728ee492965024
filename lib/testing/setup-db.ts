import { afterAll, inject } from "vitest";
import { closeDb } from "@/db";

// Set before any test touches `db`, which connects lazily on first use.
process.env.DATABASE_URL = inject("databaseUrl");

afterAll(async () => {
  await closeDb();
});
