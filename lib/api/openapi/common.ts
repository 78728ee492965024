import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiResponseObject, ZodOpenApiResponsesObject } from "zod-openapi";
import type { ApiScope } from "@/lib/api-tokens/tokens";
import { errorBodySchema } from "@/lib/api/error-body";

/**
 * The parts every /api/v1 operation shares: the bearer scheme and its scopes, the RateLimit-*
 * headers, the error answers (one component per status, all with the `Error` envelope) and the 308
 * of a merged-away Contact ID. A resource's file (contacts.ts, tags.ts, …) builds its operations
 * with `tokenOperation` and its answers with `json`.
 */

export const BEARER = "bearer";

const seconds = (description: string, example: number) => z.int().nonnegative().meta({ description, example });

/** The headers of every answer past the token check (lib/http-errors.ts, `bearerRoute`). */
const rateLimitHeaders = z.object({
  "RateLimit-Limit": seconds("Requests the token may make per minute.", 1200).meta({ header: { id: "RateLimit-Limit" } }),
  "RateLimit-Remaining": seconds("Requests left in the current minute.", 1187).meta({ header: { id: "RateLimit-Remaining" } }),
  "RateLimit-Reset": seconds("Seconds until the count starts afresh.", 42).meta({ header: { id: "RateLimit-Reset" } }),
});

const ERRORS = {
  400: { id: "BadRequest", code: "bad_request", description: "The query or path parameters cannot be used; `details` names the fields.", message: "Check the query parameters." },
  401: { id: "Unauthenticated", code: "unauthenticated", description: "No token, or an unknown, revoked or expired one (also a token sent in the URL).", message: "Send an API token: Authorization: Bearer <token>." },
  403: { id: "Forbidden", code: "forbidden", description: "The token's scope does not allow this operation.", message: "This token's scope (read) does not allow this; it needs write." },
  404: { id: "NotFound", code: "not_found", description: "No such record.", message: "No contact has this Contact ID." },
  409: { id: "Conflict", code: "conflict", description: "The change collides with another record; `details` holds it (e.g. the contact that has this phone).", message: "Another contact already has this phone number." },
  412: { id: "PreconditionFailed", code: "precondition_failed", description: "`If-Match` names a version of the record that is no longer current: read it again.", message: "This contact was changed since you read it." },
  413: { id: "PayloadTooLarge", code: "payload_too_large", description: "The body is over 5 MB.", message: "The body is larger than 5 MB." },
  415: { id: "UnsupportedMediaType", code: "unsupported_media_type", description: "Send `Content-Type: application/json`.", message: "Send the body as application/json." },
  422: { id: "ValidationFailed", code: "validation_failed", description: "The body's values are refused; `details` names each field with its messages.", message: "Check the highlighted fields.", details: { email: ["Enter a valid e-mail address."] } },
  429: { id: "RateLimited", code: "rate_limited", description: "Over the token's requests per minute; `Retry-After` says when to try again.", message: "Too many requests for this token; try again in 42 s." },
} as const;

export type ErrorStatus = keyof typeof ERRORS;

const retryAfter = z.object({ "Retry-After": seconds("Seconds to wait before the next request.", 42) });

/** Every error answer, registered as a response component whether or not an operation uses it yet. */
export const errorResponses = Object.fromEntries(
  Object.entries(ERRORS).map(([status, e]) => {
    const headers = status === "401" ? undefined : status === "429" ? rateLimitHeaders.extend(retryAfter.shape) : rateLimitHeaders;
    const example = { error: { code: e.code, message: e.message, ...("details" in e ? { details: e.details } : {}) } };
    const response: ZodOpenApiResponseObject = { id: e.id, description: e.description, headers, content: { "application/json": { schema: errorBodySchema, example } } };
    return [status, response];
  }),
) as Record<`${ErrorStatus}`, ZodOpenApiResponseObject>;

/** A JSON answer with the RateLimit-* headers; `example` overrides the schema's own examples. */
export function json(description: string, schema: z.ZodType, options: { example?: unknown; headers?: z.ZodObject } = {}): ZodOpenApiResponseObject {
  const headers = options.headers ? rateLimitHeaders.extend(options.headers.shape) : rateLimitHeaders;
  return { description, headers, content: { "application/json": { schema, ...(options.example !== undefined ? { example: options.example } : {}) } } };
}

/** `{ data: [...] }`, the shape of every list that is not paged. */
export const listOf = (item: z.ZodType) => z.object({ data: z.array(item) });

/** The answer of a path that names a merged-away Contact ID: the same request under the primary's. */
export const mergedAway: ZodOpenApiResponseObject = {
  id: "MergedAway",
  description:
    "The Contact ID was merged into another contact: `Location` is the same path under that contact's ID (method and body kept, so a client that follows redirects keeps working).",
  headers: rateLimitHeaders.extend({
    Location: z.string().meta({ description: "The same path under the primary contact's Contact ID.", example: "https://switchboard.example.com/api/v1/contacts/C-7Q2M9K4D" }),
  }),
};

const SCOPE_WORDS: Record<ApiScope, string> = {
  read: "the **read** scope (or write or admin)",
  write: "the **write** scope (or admin)",
  admin: "the **admin** scope",
};

export interface TokenOperation extends Omit<ZodOpenApiOperationObject, "security" | "responses"> {
  /** The least scope the route's `bearerRoute` call asks for. */
  scope: ApiScope;
  summary: string;
  description: string;
  responses: ZodOpenApiResponsesObject;
  /** Error statuses this operation can answer beyond 401, 403 and 429, which every one can. */
  errors?: ErrorStatus[];
}

/** An operation behind `bearerRoute`: its security requirement (with the scope), its answers and its errors. */
export function tokenOperation({ scope, description, responses, errors = [], ...operation }: TokenOperation): ZodOpenApiOperationObject {
  const statuses = [...new Set<ErrorStatus>([...errors, 401, 403, 429])].sort((a, b) => a - b);
  return {
    ...operation,
    description: `${description}\n\nNeeds a token with ${SCOPE_WORDS[scope]}.`,
    security: [{ [BEARER]: [scope] }],
    responses: { ...responses, ...Object.fromEntries(statuses.map((s) => [String(s), errorResponses[`${s}`]])) },
  };
}
