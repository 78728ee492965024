import { and, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { WITHOUT_WAITING_FOR_DISK } from "@/db/bookkeeping";
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
 * `limit` of them pass, across every app instance sharing the database. Bookkeeping: its commit
 * does not wait for the disk (db/bookkeeping.ts).
 */
export async function consumeRateLimit(tokenId: number, limit = apiRateLimit()): Promise<RateLimitState> {
  const [row] = await db.execute<{ count: number; window_start: string; reset: number }>(sql`
    insert into api_rate_limits (token_id, window_start, count)
    select ${tokenId}, date_trunc('minute', clock_timestamp()), 1 where ${WITHOUT_WAITING_FOR_DISK}
    on conflict (token_id, window_start) do update set count = api_rate_limits.count + 1
    returning count, window_start::text,
      ceil(extract(epoch from window_start + make_interval(secs => ${WINDOW_SECONDS}) - clock_timestamp()))::int as reset`);
  const count = Number(row!.count);
  // The first request of a window sweeps the token's past windows: a row per token at most, at no cost to the others.
  if (count === 1) {
    await db.delete(apiRateLimits).where(and(eq(apiRateLimits.tokenId, tokenId), lt(apiRateLimits.windowStart, sql`${row!.window_start}::timestamptz`), WITHOUT_WAITING_FOR_DISK));
  }
  return { allowed: count <= limit, limit, remaining: Math.max(limit - count, 0), reset: Math.max(Number(row!.reset), 1) };
}
