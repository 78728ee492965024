import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { WITHOUT_WAITING_FOR_DISK } from "@/db/bookkeeping";
import { hashSecret, type ApiScope, type VerifiedToken } from "@/lib/api-tokens/tokens";

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

export interface Admission {
  token: VerifiedToken;
  rate: RateLimitState;
}

const secretShape = z.string().regex(/^sb_[A-Za-z0-9_-]{40,}$/);

/**
 * The door of /api/v1 in one statement: the live token a bearer secret stands for (null when it is
 * malformed, unknown, revoked or expired), its "last used" set to now, and one request counted in
 * its current minute. The counter is one upsert that row-locks the window's row, so N concurrent
 * requests get counts 1…N and exactly `limit` pass, across every app instance sharing the database;
 * the token's past windows are swept as it goes (a row per token at most). Bookkeeping: the commit
 * does not wait for the disk (db/bookkeeping.ts). One round trip, because every API request pays it.
 */
export async function admitApiToken(secret: string, limit = apiRateLimit()): Promise<Admission | null> {
  if (!secretShape.safeParse(secret).success) return null;
  const [row] = await db.execute<{ id: string; name: string; scope: ApiScope; count: number; reset: number }>(sql`
    with token as (
      select id, name, scope from api_tokens
      where token_hash = ${hashSecret(secret)} and revoked_at is null and (expires_at is null or expires_at > now())
        and ${WITHOUT_WAITING_FOR_DISK}
    ), touched as (
      update api_tokens set last_used_at = now() from token where api_tokens.id = token.id
    ), swept as (
      delete from api_rate_limits r using token
      where r.token_id = token.id and r.window_start < date_trunc('minute', statement_timestamp())
    ), counted as (
      insert into api_rate_limits (token_id, window_start, count)
      select id, date_trunc('minute', statement_timestamp()), 1 from token
      on conflict (token_id, window_start) do update set count = api_rate_limits.count + 1
      returning count, ceil(extract(epoch from window_start + make_interval(secs => ${WINDOW_SECONDS}) - clock_timestamp()))::int as reset
    )
    select token.id, token.name, token.scope, counted.count, counted.reset from token cross join counted`);
  if (!row) return null;
  const count = Number(row.count);
  return {
    token: { id: Number(row.id), name: row.name, scope: row.scope },
    rate: { allowed: count <= limit, limit, remaining: Math.max(limit - count, 0), reset: Math.max(Number(row.reset), 1) },
  };
}
