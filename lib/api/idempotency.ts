import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { db } from "@/db";
import { apiIdempotencyKeys } from "@/db/schema";
import { BadRequestError, ConflictError, DomainError } from "@/lib/errors";
import { readBodyText } from "./body";

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;
/** Response headers a replay gives back; the rate-limit ones are the replaying request's own. */
const KEPT_HEADERS = ["content-type", "location", "etag"];

class IdempotencyMismatchError extends DomainError {
  constructor() {
    super("This Idempotency-Key was used with a different request in the last 24 hours; use a new key for a new request.", "idempotency_key_reused", 422);
  }
}

/**
 * Runs a POST once per `Idempotency-Key` (per token, for 24 hours): the first answer is kept in
 * PostgreSQL and given back to every repeat of the same request, so a client may retry a timeout
 * without creating twice. The same key with another method, path or body answers 422; a repeat
 * while the first is still running answers 409. Answers of 500 and up are not kept: a retry runs again.
 */
export async function idempotent(request: Request, tokenId: number, work: () => Promise<Response>): Promise<Response> {
  const key = request.headers.get("idempotency-key");
  if (key === null || request.method !== "POST") return work();
  if (!KEY_SHAPE.test(key)) throw new BadRequestError("Idempotency-Key must be 1 to 255 visible ASCII characters.");
  const url = new URL(request.url);
  const requestHash = createHash("sha256")
    .update(`${request.method} ${url.pathname}${url.search}\n`)
    .update(await readBodyText(request))
    .digest("hex");

  const where = and(eq(apiIdempotencyKeys.tokenId, tokenId), eq(apiIdempotencyKeys.key, key));
  // A key older than a day is forgotten: the next request with it starts afresh.
  await db.delete(apiIdempotencyKeys).where(and(where, lt(apiIdempotencyKeys.createdAt, sql`now() - interval '24 hours'`)));
  const [claimed] = await db.insert(apiIdempotencyKeys).values({ tokenId, key, requestHash }).onConflictDoNothing().returning({ key: apiIdempotencyKeys.key });
  if (!claimed) {
    const [first] = await db.select().from(apiIdempotencyKeys).where(where);
    if (!first) return idempotent(request, tokenId, work); // expired and swept between the two statements
    if (first.requestHash !== requestHash) throw new IdempotencyMismatchError();
    if (first.status === null) throw new ConflictError("The first request with this Idempotency-Key is still running; retry in a moment.");
    return new Response(first.body, { status: first.status, headers: { ...first.headers, "idempotent-replayed": "true" } });
  }

  let response: Response;
  try {
    response = await work();
  } catch (error) {
    await db.delete(apiIdempotencyKeys).where(where);
    throw error;
  }
  if (response.status >= 500) {
    await db.delete(apiIdempotencyKeys).where(where);
    return response;
  }
  const body = await response.text();
  const headers = Object.fromEntries(KEPT_HEADERS.flatMap((name) => (response.headers.has(name) ? [[name, response.headers.get(name)!]] : [])));
  await db.update(apiIdempotencyKeys).set({ status: response.status, headers, body }).where(where);
  return new Response(body, { status: response.status, headers: response.headers });
}
