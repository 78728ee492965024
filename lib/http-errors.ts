import { unstable_rethrow } from "next/navigation";
import type { Permission } from "@/lib/auth/permissions";
import { authorize, type CurrentUser, type SessionState } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";

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
      { error: { code: error.code, message: error.message, ...(details !== undefined ? { details } : {}) } },
      { status: error.status, headers: { "cache-control": "no-store" } },
    );
  }
  console.error("Unexpected error in a route handler", error);
  return Response.json(
    { error: { code: "internal", message: "Something went wrong on our side. Please try again." } },
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
