import { and, eq, lt, sql } from "drizzle-orm";
import { db } from "@/db";
import { loginAttempts } from "@/db/schema";

export const RATE_LIMIT_WINDOW_MINUTES = 15;
/** Attempts allowed inside the window per e-mail, per client address, and for all addresses together. */
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;
export const MAX_FAILURES_GLOBAL = 100;

/** The key that stands for every address when the client's address is not known. */
export const ALL_ADDRESSES = "*";

const expired = sql`${loginAttempts.windowStart} <= now() - make_interval(mins => ${RATE_LIMIT_WINDOW_MINUTES})`;

/**
 * Counts one attempt for the e-mail and the address and says whether it may go on to the password
 * check. The count is taken BEFORE the password is checked, by one upsert that row-locks both
 * counters, so concurrent attempts each see the ones before them: at most the limit are ever checked
 * in a window, however many arrive at once. A success gives its slot back (`releaseAttempt`).
 */
export async function reserveAttempt(email: string, address: string | null): Promise<boolean> {
  const addressKey = address ?? ALL_ADDRESSES;
  const rows = await db
    .insert(loginAttempts)
    // Always in this order (e-mail, then address), so concurrent upserts lock rows in one order.
    .values([
      { scope: "email", key: email, count: 1 },
      { scope: "address", key: addressKey, count: 1 },
    ])
    .onConflictDoUpdate({
      target: [loginAttempts.scope, loginAttempts.key],
      set: {
        count: sql`case when ${expired} then 1 else ${loginAttempts.count} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${loginAttempts.windowStart} end`,
      },
    })
    .returning({ scope: loginAttempts.scope, count: loginAttempts.count });
  const limits = { email: MAX_FAILURES_PER_EMAIL, address: address ? MAX_FAILURES_PER_ADDRESS : MAX_FAILURES_GLOBAL };
  return rows.every((r) => r.count <= limits[r.scope]);
}

/** After a successful sign-in: the e-mail starts afresh and the address gets its slot back. */
export async function releaseAttempt(email: string, address: string | null): Promise<void> {
  await db.delete(loginAttempts).where(and(eq(loginAttempts.scope, "email"), eq(loginAttempts.key, email)));
  await db
    .update(loginAttempts)
    .set({ count: sql`greatest(${loginAttempts.count} - 1, 0)` })
    .where(and(eq(loginAttempts.scope, "address"), eq(loginAttempts.key, address ?? ALL_ADDRESSES)));
  // Counters of past windows are only kept until then; a cheap indexed sweep on the rare success path.
  await db.delete(loginAttempts).where(lt(loginAttempts.windowStart, sql`now() - make_interval(mins => ${RATE_LIMIT_WINDOW_MINUTES})`));
}
