import { unstable_rethrow } from "next/navigation";
import type { Database } from "@/db";
import { noteWrite, readDb } from "@/db/replica";
import type { ErrorBody } from "@/lib/api/error-body";
import { idempotent } from "@/lib/api/idempotency";
import { admitApiToken, type RateLimitState } from "@/lib/api-tokens/admit";
import { scopeAllows, type ApiScope, type VerifiedToken } from "@/lib/api-tokens/tokens";
import { apiTokenActor, type Actor } from "@/lib/audit";
import type { Permission } from "@/lib/auth/permissions";
import { authorize, type CurrentUser, type SessionState } from "@/lib/auth/session";
import { DomainError, ForbiddenError, RateLimitedError, UnauthenticatedError } from "@/lib/errors";

/**
 * The one HTTP error mapping of the route handlers (STYLE.md, conventions 5): a domain error answers
 * its status (400/401/403/404/409/413/415/422/429) with `{ error: { code, message, details? } }`,
 * details being the field errors or the error's own details; anything else is logged and answers 500
 * without its text. Next's redirect and not-found errors pass through untouched.
 */
export function errorResponse(error: unknown): Response {
  unstable_rethrow(error);
  if (error instanceof DomainError) {
    const details = error.fieldErrors ?? error.details;
    return Response.json(
      { error: { code: error.code, message: error.message, ...(details !== undefined ? { details } : {}) } } satisfies ErrorBody,
      { status: error.status, headers: { "cache-control": "no-store" } },
    );
  }
  console.error("Unexpected error in a route handler", error);
  return Response.json(
    { error: { code: "internal", message: "Something went wrong on our side. Please try again." } } satisfies ErrorBody,
    { status: 500, headers: { "cache-control": "no-store" } },
  );
}

/** Where a handler gets the session: next-auth's `getSessionState` in the app, a stand-in in tests. */
export type SessionSource = () => Promise<SessionState>;

/**
 * The one door of a REST handler: the session and its role re-read from the database, the
 * permission, the work, and errors through `errorResponse`. A route is a public endpoint: the page
 * that links to it is not the check.
 */
export async function guardedRoute(session: SessionSource, permission: Permission, work: (user: CurrentUser) => Promise<Response>): Promise<Response> {
  try {
    return await work(authorize(await session(), permission));
  } catch (error) {
    return errorResponse(error);
  }
}

/** What a bearer-token handler gets: the token, the actor its writes are audited as, and where its reads go. */
export interface TokenCaller {
  token: VerifiedToken;
  actor: Actor;
  /** The database this token's GETs read (db/replica.ts readDb: the replica when it has this token's writes); one choice per request. */
  read(): Promise<Database>;
}

const BEARER = /^Bearer +([^\s]+) *$/i;
// Query parameters that would carry a secret into logs, histories and Referer headers.
const SECRET_PARAMS = ["access_token", "token", "api_key"];

function unauthenticated(message: string): Response {
  const response = errorResponse(new UnauthenticatedError(message));
  response.headers.set("www-authenticate", 'Bearer realm="api"');
  return response;
}

function withRateLimit(response: Response, state: RateLimitState): Response {
  response.headers.set("ratelimit-limit", String(state.limit));
  response.headers.set("ratelimit-remaining", String(state.remaining));
  response.headers.set("ratelimit-reset", String(state.reset));
  if (!state.allowed) response.headers.set("retry-after", String(state.reset));
  return response;
}

/**
 * The one door of /api/v1: only `Authorization: Bearer <token>` authenticates (a session cookie does
 * not, and a token in the URL is refused), then the token's rate limit, then its scope, then the
 * work, run once per `Idempotency-Key` for a POST (lib/api/idempotency.ts); every answer past the
 * token check carries the RateLimit-* headers. Errors go through `errorResponse` like every other route's.
 */
export async function bearerRoute(request: Request, scope: ApiScope, work: (caller: TokenCaller) => Promise<Response>): Promise<Response> {
  try {
    const params = new URL(request.url).searchParams;
    if (SECRET_PARAMS.some((name) => params.has(name))) return unauthenticated("Send the API token in the Authorization header, never in the URL.");
    const secret = BEARER.exec(request.headers.get("authorization") ?? "")?.[1];
    if (!secret) return unauthenticated("Send an API token: Authorization: Bearer <token>.");
    const admission = await admitApiToken(secret);
    if (!admission) return unauthenticated("This API token is unknown, revoked or expired.");
    const { token, rate: limit } = admission;
    if (!limit.allowed) return withRateLimit(errorResponse(new RateLimitedError(`Too many requests for this token; try again in ${limit.reset} s.`)), limit);
    let response: Response;
    try {
      if (!scopeAllows(token.scope, scope)) throw new ForbiddenError(`This token's scope (${token.scope}) does not allow this; it needs ${scope}.`);
      let reading: Promise<Database> | undefined;
      const read = () => (reading ??= readDb({ token: token.id }));
      response = await idempotent(request, token.id, () => work({ token, actor: apiTokenActor(token), read }).catch(errorResponse));
      // The token's next reads see what this request wrote (read-your-writes with a replica).
      if (scope !== "read") await noteWrite({ token: token.id });
    } catch (error) {
      response = errorResponse(error);
    }
    return withRateLimit(response, limit);
  } catch (error) {
    return errorResponse(error);
  }
}
