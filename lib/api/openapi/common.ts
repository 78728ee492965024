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
  400: {
    id: "BadRequest",
    code: "bad_request",
    description: "The query parameters cannot be used (`details` names them), the body is not JSON, or a header (`Idempotency-Key`, `If-Match`) is malformed.",
    message: "Check the query parameters.",
  },
  401: { id: "Unauthenticated", code: "unauthenticated", description: "No token, or an unknown, revoked or expired one (also a token sent in the URL).", message: "Send an API token: Authorization: Bearer <token>." },
  403: { id: "Forbidden", code: "forbidden", description: "The token's scope does not allow this operation.", message: "This token's scope (read) does not allow this; it needs write." },
  404: { id: "NotFound", code: "not_found", description: "No such record.", message: "No contact has this Contact ID." },
  409: {
    id: "Conflict",
    code: "conflict",
    description: "The request collides with another: the first request with this `Idempotency-Key` is still running (retry in a moment), or the record changed under it.",
    message: "The first request with this Idempotency-Key is still running; retry in a moment.",
  },
  412: {
    id: "PreconditionFailed",
    code: "precondition_failed",
    description: "`If-Match` does not name the contact's current ETag: read it again, then retry.",
    message: "This contact changed since you read it (If-Match does not name its current ETag): read it again, then retry.",
  },
  413: { id: "PayloadTooLarge", code: "payload_too_large", description: "The body is over 5 MB.", message: "The request body is larger than 5 MB; send fewer items per request." },
  415: { id: "UnsupportedMediaType", code: "unsupported_media_type", description: "Send `Content-Type: application/json`.", message: "Send the body as JSON, with Content-Type: application/json." },
  422: {
    id: "ValidationFailed",
    code: "validation_failed",
    description:
      "The body's values are refused (`validation_failed`; `details` names each field by its path in the body, with its messages), or the `Idempotency-Key` was used in the last 24 hours with another request (`idempotency_key_reused`).",
    message: "Please correct the fields named in details.",
    details: { "emails.0": ["Enter a valid e-mail address."] },
  },
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

/** A variant of an error answer with its own `details` (a 409 naming the holder of an identifier…), as its own component. */
function errorVariant(status: ErrorStatus, id: string, description: string, details: z.ZodType, example: { message: string; details: unknown }): ZodOpenApiResponseObject {
  const e = ERRORS[status];
  const schema = z.object({ error: errorBodySchema.shape.error.extend({ details }) }).meta({ id: `${id}Error` });
  return {
    id,
    description,
    headers: rateLimitHeaders,
    content: { "application/json": { schema, example: { error: { code: e.code, ...example } } } },
  };
}

/** POST /contacts, PATCH /contacts/{contact_id}: an identifier or Contact ID another contact holds. */
export const identifierConflict = errorVariant(
  409,
  "IdentifierConflict",
  "A phone, e-mail, external ID or Contact ID of the body is held by another contact (the API never merges): `details.contact_id` is the holder's Contact ID (null when a user holds it), `details.field` the body field. Also answered while the first request with this `Idempotency-Key` is still running (without `details`).",
  z.object({
    contact_id: z.string().nullable().meta({ description: "The Contact ID of the contact holding it; null when it is not a contact's." }),
    field: z.string().meta({ description: "The body field, by its path (phones.0, emails.1, external_ids.0.external_id, contact_id)." }),
  }),
  { message: "Another contact already has this phone number.", details: { contact_id: "C-4H8N2P6R", field: "phones.0" } },
);

/** POST /contacts/merge: a merged-away Contact ID is refused (never followed). */
export const mergeConflict = errorVariant(
  409,
  "MergeConflict",
  "A contact named was already merged into another (`details.merged_into`: each such Contact ID → where it went; name the contacts as they are now), or another merge took one of them meanwhile. Also answered while the first request with this `Idempotency-Key` is still running.",
  z.object({ merged_into: z.record(z.string(), z.string()) }).optional(),
  { message: "C-4H8N2P6R was already merged into C-7Q2M9K4D. Nothing was merged: name the contacts as they are now.", details: { merged_into: { "C-4H8N2P6R": "C-7Q2M9K4D" } } },
);

/** `Idempotency-Key`, honoured on every POST (lib/api/idempotency.ts). */
export const idempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/)
  .optional()
  .meta({
    description:
      "Any 1 to 255 visible ASCII characters, new for each new request (a UUID). The first answer is kept for 24 hours and given back, with `Idempotent-Replayed: true`, to a repeat of the same request with the same key, so a timeout can be retried without doing it twice. The same key with another request: 422 `idempotency_key_reused`; while the first still runs: 409. Answers of 500 and up are not kept.",
    example: "5f0c6a1e-2b7d-4c8e-9a41-0d6f3b2e7c19",
  });

/** `If-Match` on PATCH and DELETE of a contact (lib/api/contact-writes.ts, `ifMatchPrecondition`). */
export const ifMatchHeader = z
  .string()
  .optional()
  .meta({
    description: "The contact's `ETag` as you read it (or `*`): the change is made only if the contact is still that version, else 412. Leave it out to change whatever the version.",
    example: '"3q2-7wEjQmGq0vZb1mY0l8c5bXo"',
  });

export const etagHeader = z.object({
  ETag: z.string().meta({ description: "A strong validator of the body: send it back in `If-Match`.", example: '"3q2-7wEjQmGq0vZb1mY0l8c5bXo"' }),
});

/** An answer without a body. */
export function noContent(description: string): ZodOpenApiResponseObject {
  return { description, headers: rateLimitHeaders };
}

const SCOPE_WORDS: Record<ApiScope, string> = {
  read: "the **read** scope (or write or admin)",
  write: "the **write** scope (or admin)",
  admin: "the **admin** scope",
};

export interface TokenOperation extends Omit<ZodOpenApiOperationObject, "security" | "responses" | "requestBody"> {
  /** The least scope the route's `bearerRoute` call asks for. */
  scope: ApiScope;
  summary: string;
  description: string;
  /** The operation's own answers; a status here wins over the shared error answer of `errors`. */
  responses: ZodOpenApiResponsesObject;
  /** Error statuses this operation can answer beyond 401, 403 and 429, which every one can. */
  errors?: ErrorStatus[];
  /** The JSON body the route reads with `readJsonBody` (documented as its input: before transforms and defaults). Adds 400, 413, 415, 422. */
  body?: { schema: z.ZodType; description: string; example?: unknown };
  /** A POST: honours `Idempotency-Key` (adds the header, 400, 409, 422). */
  idempotent?: boolean;
}

/** An operation behind `bearerRoute`: its security requirement (with the scope), its body, its answers and its errors. */
export function tokenOperation({ scope, description, responses, errors = [], body, idempotent, requestParams, ...operation }: TokenOperation): ZodOpenApiOperationObject {
  const all: ErrorStatus[] = [...errors, 401, 403, 429];
  if (body) all.push(400, 413, 415, 422);
  if (idempotent) all.push(400, 409, 422);
  const statuses = [...new Set(all)].sort((a, b) => a - b);
  const header = idempotent ? z.object({ "Idempotency-Key": idempotencyKeyHeader, ...(requestParams?.header as z.ZodObject | undefined)?.shape }) : requestParams?.header;
  return {
    ...operation,
    description: `${description}\n\nNeeds a token with ${SCOPE_WORDS[scope]}.`,
    security: [{ [BEARER]: [scope] }],
    ...(requestParams || header ? { requestParams: { ...requestParams, ...(header ? { header } : {}) } } : {}),
    ...(body
      ? {
          requestBody: {
            required: true,
            description: body.description,
            content: { "application/json": { schema: body.schema, ...(body.example !== undefined ? { example: body.example } : {}) } },
          },
        }
      : {}),
    responses: { ...Object.fromEntries(statuses.map((s) => [String(s), errorResponses[`${s}`]])), ...responses },
  };
}
