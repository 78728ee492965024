import { and, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { apiRateLimits } from "@/db/schema";

export const DEFAULT_API_RATE_LIMIT = 1200;
const WINDOW_SECONDS = 60;

/** Requests a token may make per minute: `SWITCHBOARD_API_RATE_LIMIT`, else 1 200. Read per request so a deployment can change it with a restart only. */
export function apiRateLimit(value = process.env.SWITCHBOARD_API_RATE_LIMIT): number {
  const parsed = z.coerce.number().int().positive().safeParse(value);
  return value !== undefined && value !== "" && parsed.success ? parsed.data : DEFAULT_API_RATE_LIMIT;
}

export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the count starts afresh. */
  reset: number;
}

/**
 * Counts one request for the token in the current minute and says whether it may go on. One
 * upsert row-locks the window's counter, so N concurrent requests get counts 1…N and exactly
 * `limit` of them pass, across every app instance sharing the database.
 */
export async function consumeRateLimit(tokenId: number, limit = apiRateLimit()): Promise<RateLimitState> {
  const window = sql`date_trunc('minute', clock_timestamp())`;
  const [row] = await db
    .insert(apiRateLimits)
    .values({ tokenId, windowStart: window, count: 1 })
    .onConflictDoUpdate({ target: [apiRateLimits.tokenId, apiRateLimits.windowStart], set: { count: sql`${apiRateLimits.count} + 1` } })
    .returning({
      count: apiRateLimits.count,
      windowStart: apiRateLimits.windowStart,
      reset: sql<number>`ceil(extract(epoch from ${apiRateLimits.windowStart} + make_interval(secs => ${WINDOW_SECONDS}) - clock_timestamp()))::int`,
    });
  // The first request of a window sweeps the token's past windows: a row per token at most, at no cost to the others.
  if (row!.count === 1) await db.delete(apiRateLimits).where(and(eq(apiRateLimits.tokenId, tokenId), lt(apiRateLimits.windowStart, row!.windowStart)));
  return { allowed: row!.count <= limit, limit, remaining: Math.max(limit - row!.count, 0), reset: Math.max(row!.reset, 1) };
}
