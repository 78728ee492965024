import { and, count, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { loginFailures, users, type User } from "@/db/schema";
import { RateLimitedError } from "@/lib/errors";
import { dummyVerify, verifyPassword } from "./password";

export const INVALID_CREDENTIALS = "Invalid email or password";
export const RATE_LIMIT_WINDOW_MINUTES = 15;
/** Failures allowed per e-mail, and per client address, inside the window. */
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1024),
});

/**
 * Checks an e-mail and password. Returns the user, or null with no hint of which part was wrong.
 * Throws RateLimitedError when this e-mail or address failed too often recently.
 */
export async function verifyCredentials(input: unknown, ip: string): Promise<User | null> {
  const parsed = credentialsSchema.safeParse(input);
  const email = parsed.success ? parsed.data.email : String((input as { email?: unknown })?.email ?? "").toLowerCase();
  const since = sql`now() - make_interval(mins => ${RATE_LIMIT_WINDOW_MINUTES})`;
  const [byEmail, byIp] = await Promise.all([
    db.select({ n: count() }).from(loginFailures).where(and(eq(loginFailures.email, email), gt(loginFailures.createdAt, since))),
    db.select({ n: count() }).from(loginFailures).where(and(eq(loginFailures.ip, ip), gt(loginFailures.createdAt, since))),
  ]);
  if ((byEmail[0]?.n ?? 0) >= MAX_FAILURES_PER_EMAIL || (byIp[0]?.n ?? 0) >= MAX_FAILURES_PER_IP) {
    throw new RateLimitedError(
      `Too many failed sign-in attempts. Try again in ${RATE_LIMIT_WINDOW_MINUTES} minutes.`,
    );
  }

  let user: User | undefined;
  let ok = false;
  if (parsed.success) {
    [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`).limit(1);
    ok = user ? await verifyPassword(user.passwordHash, parsed.data.password) : await dummyVerify(parsed.data.password);
  }
  if (!ok || !user || !user.active) {
    await db.insert(loginFailures).values({ email, ip });
    return null;
  }
  await db.delete(loginFailures).where(eq(loginFailures.email, email));
  return user;
}
