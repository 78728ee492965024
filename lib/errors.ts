/** Errors the domain layer throws on purpose; anything else is a bug and is logged, not shown. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly fieldErrors?: Record<string, string[]>,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The same error (same class and status) with its field errors renamed and, if given, other details
 * or message: a door names fields its own way (the form "phone", the API "phones.0").
 */
export function renameErrorFields<E extends DomainError>(
  error: E,
  rename: (field: string) => string,
  changes: { details?: unknown; message?: string } = {},
): E {
  let fieldErrors: Record<string, string[]> | undefined;
  for (const [key, messages] of Object.entries(error.fieldErrors ?? {})) ((fieldErrors ??= {})[rename(key)] ??= []).push(...messages);
  const copy = Object.create(Object.getPrototypeOf(error) as object) as E;
  const details = "details" in changes ? changes.details : error.details;
  Object.assign(copy, error, { message: changes.message ?? error.message, stack: error.stack, fieldErrors, details });
  return copy;
}

export class ValidationError extends DomainError {
  constructor(message: string, fieldErrors?: Record<string, string[]>) {
    super(message, "validation_failed", 422, fieldErrors);
  }
}

/** A request whose parameters cannot be used (a route's URL), as opposed to a form's invalid values (422). */
export class BadRequestError extends DomainError {
  constructor(message: string, fieldErrors?: Record<string, string[]>) {
    super(message, "bad_request", 400, fieldErrors);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = "Please sign in again.") {
    super(message, "unauthenticated", 401);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = "You are not allowed to do that.") {
    super(message, "forbidden", 403);
  }
}

export class NotFoundError extends DomainError {
  constructor(message = "Not found.") {
    super(message, "not_found", 404);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: unknown, fieldErrors?: Record<string, string[]>) {
    super(message, "conflict", 409, fieldErrors, details);
  }
}

/** A body over what the door takes (an API request over 5 MB, an import file over its limit). */
export class PayloadTooLargeError extends DomainError {
  constructor(message: string) {
    super(message, "payload_too_large", 413);
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  constructor(message: string) {
    super(message, "unsupported_media_type", 415);
  }
}

/** The request was made for a version of the record that is no longer current (If-Match). */
export class PreconditionFailedError extends DomainError {
  constructor(message: string, details?: unknown) {
    super(message, "precondition_failed", 412, undefined, details);
  }
}

export class RateLimitedError extends DomainError {
  constructor(message: string) {
    super(message, "rate_limited", 429);
  }
}

interface PgError {
  code?: string;
  constraint_name?: string;
}

/** The PostgreSQL error behind a driver or Drizzle error (Drizzle wraps it in `cause`). */
export function pgError(error: unknown): PgError | undefined {
  let e: unknown = error;
  for (let i = 0; i < 3 && e && typeof e === "object"; i++) {
    const candidate = e as PgError & { cause?: unknown };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    e = candidate.cause;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = pgError(error);
  return pg?.code === "23505" && (!constraint || pg.constraint_name === constraint);
}

/** Serialization failures and deadlocks: the transaction may be retried as a whole. */
export function isRetryable(error: unknown): boolean {
  const code = pgError(error)?.code;
  return code === "40001" || code === "40P01";
}
