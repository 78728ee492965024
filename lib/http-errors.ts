import { DomainError } from "@/lib/errors";

/** A route handler's error as JSON `{ error: { code, message, details? } }` with the domain error's status. */
export function errorResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    const details = error.fieldErrors ?? error.details;
    return Response.json(
      { error: { code: error.code, message: error.message, ...(details ? { details } : {}) } },
      { status: error.status, headers: { "cache-control": "no-store" } },
    );
  }
  console.error("Unexpected error in a route handler", error);
  return Response.json(
    { error: { code: "internal", message: "Something went wrong on our side. Please try again." } },
    { status: 500, headers: { "cache-control": "no-store" } },
  );
}
