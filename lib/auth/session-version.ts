import { eq, sql } from "drizzle-orm";
import type { Executor } from "@/db";
import { users } from "@/db/schema";

/**
 * Ends every session of a user: each session carries the version it was issued with, and
 * `loadSessionUser` refuses a session whose version is no longer the user's. Called on sign-out and
 * whenever what a session may do changes: deactivation, a role change, a new password.
 */
export async function endSessions(executor: Executor, userId: number): Promise<void> {
  await executor
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}
