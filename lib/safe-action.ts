import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { userActor, type Actor } from "@/lib/audit";
import { authorize, getSessionState, type CurrentUser, type SessionState } from "@/lib/auth/session";
import type { Permission } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors";
import { fieldErrorsOf } from "./field-errors";

export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]>; details?: unknown };

export interface ActionContext {
  user: CurrentUser;
  actor: Actor;
}

export interface ActionDefinition<S extends z.ZodType, T> {
  permission: Permission;
  schema: S;
  run: (input: z.output<S>, ctx: ActionContext) => Promise<T | ActionResult<T>>;
}

// In its own module so that domain code (and scripts outside Next) can use it without the session.
export { fieldErrorsOf } from "./field-errors";

function isResult<T>(value: unknown): value is ActionResult<T> {
  return Boolean(value && typeof value === "object" && "ok" in value && typeof (value as { ok: unknown }).ok === "boolean");
}

/**
 * Everything an action does once the session is known: the user re-read from the database,
 * the permission, zod, the work, and one result shape. Separate from the session lookup so that
 * tests can run it against the real database.
 */
export async function executeAction<S extends z.ZodType, T>(
  definition: ActionDefinition<S, T>,
  session: () => Promise<SessionState>,
  raw: unknown,
): Promise<ActionResult<T>> {
  try {
    const user = authorize(await session(), definition.permission);
    const input = raw instanceof FormData ? Object.fromEntries(raw.entries()) : raw;
    const parsed = definition.schema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
    }
    const result = await definition.run(parsed.data, { user, actor: userActor(user) });
    return isResult<T>(result) ? result : { ok: true, data: result };
  } catch (error) {
    // Next's redirect() and notFound() are errors by design and must reach Next untouched.
    unstable_rethrow(error);
    return toActionError(error);
  }
}

/**
 * The one wrapper every server action goes through. A server action is a public endpoint: nothing
 * here trusts the client, including ids bound into the action.
 */
export function safeAction<S extends z.ZodType, T>(definition: ActionDefinition<S, T>) {
  return (raw: z.input<S> | FormData): Promise<ActionResult<T>> => executeAction(definition, getSessionState, raw);
}

/** The same, shaped for `useActionState(action, initialState)` forms. */
export function safeFormAction<S extends z.ZodType, T>(definition: ActionDefinition<S, T>) {
  return (_previous: ActionResult<T> | null, form: FormData): Promise<ActionResult<T>> =>
    executeAction(definition, getSessionState, form);
}

export function toActionError(error: unknown): { ok: false; message: string; fieldErrors?: Record<string, string[]>; details?: unknown } {
  if (error instanceof DomainError) {
    return {
      ok: false,
      message: error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
      // e.g. the contact that holds a conflicting identifier, so the form can link to it
      ...(error.details !== undefined ? { details: error.details } : {}),
    };
  }
  console.error("Unexpected error in a server action", error);
  return { ok: false, message: "Something went wrong on our side. Nothing was changed; please try again." };
}
