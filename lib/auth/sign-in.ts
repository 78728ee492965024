import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { users, type User } from "@/db/schema";
import { RateLimitedError } from "@/lib/errors";
import { RATE_LIMIT_WINDOW_MINUTES, releaseAttempt, reserveAttempt } from "./attempts";
import { dummyVerify, verifyPassword } from "./password";

export const INVALID_CREDENTIALS = "Invalid email or password";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(1024),
});

/**
 * Checks an e-mail and password. Returns the user, or null with no hint of which part was wrong.
 * Throws RateLimitedError when this e-mail, or this client address (all addresses together when
 * `address` is null: see lib/auth/client-address.ts), has used up its attempts in the window.
 */
export async function verifyCredentials(input: unknown, address: string | null): Promise<User | null> {
  const parsed = credentialsSchema.safeParse(input);
  const email = parsed.success ? parsed.data.email : String((input as { email?: unknown })?.email ?? "").toLowerCase();
  if (!(await reserveAttempt(email, address))) {
    throw new RateLimitedError(`Too many failed sign-in attempts. Try again in ${RATE_LIMIT_WINDOW_MINUTES} minutes.`);
  }

  let user: User | undefined;
  let ok = false;
  if (parsed.success) {
    [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`).limit(1);
    ok = user ? await verifyPassword(user.passwordHash, parsed.data.password) : await dummyVerify(parsed.data.password);
  }
  // A failure keeps the attempt it reserved: that is what counts it.
  if (!ok || !user || !user.active) return null;
  await releaseAttempt(email, address);
  // For the users page's "Last sign-in".
  const lastSignInAt = new Date();
  await db.update(users).set({ lastSignInAt }).where(eq(users.id, user.id));
  return { ...user, lastSignInAt };
}
