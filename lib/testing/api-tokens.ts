import { eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { apiTokens, type User } from "@/db/schema";
import { createApiToken, revokeApiToken, type ApiScope } from "@/lib/api-tokens/tokens";
import { actorOf, unique } from "@/lib/testing/factories";

/** Everyone who may knock on /api/v1: no token, three dead ones, and one live token per scope. */
export const BEARERS = ["no token", "unknown", "revoked", "expired", "read", "write", "admin"] as const;
export type Bearer = (typeof BEARERS)[number];

export async function makeToken(owner: User, scope: ApiScope = "read", name = unique("Token ")) {
  return createApiToken({ name, scope, expires: "never" }, owner.id, actorOf(owner));
}

/** The Authorization header each kind of bearer sends (none for "no token"). */
export async function makeBearers(owner: User): Promise<Record<Bearer, Record<string, string>>> {
  const header = (secret: string) => ({ authorization: `Bearer ${secret}` });
  const revoked = await makeToken(owner, "admin");
  await revokeApiToken({ id: revoked.token.id }, actorOf(owner));
  const expired = await makeToken(owner, "admin");
  await db.update(apiTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(apiTokens.id, expired.token.id));
  return {
    "no token": {},
    // The right shape, never issued.
    unknown: header(`sb_${"x".repeat(43)}`),
    revoked: header(revoked.secret),
    expired: header(expired.secret),
    read: header((await makeToken(owner, "read")).secret),
    write: header((await makeToken(owner, "write")).secret),
    admin: header((await makeToken(owner, "admin")).secret),
  };
}

/** The statuses a bearer gets from a route that needs `scope`, when the work itself succeeds with `ok`. */
export function expectedStatus(bearer: Bearer, needed: ApiScope, ok: number): number {
  if (bearer === "read" || bearer === "write" || bearer === "admin") {
    const order = ["read", "write", "admin"];
    return order.indexOf(bearer) >= order.indexOf(needed) ? ok : 403;
  }
  return 401;
}
