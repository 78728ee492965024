import { refresh, revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { noteWrite } from "@/db/replica";
import { userActor, type Actor } from "@/lib/audit";
import { authorize, getSessionState, type CurrentUser, type SessionState } from "@/lib/auth/session";
import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { DomainError } from "@/lib/errors";
import { fieldErrorsOf } from "./field-errors";

/**
 * The one way to write a server action:
 *
 *   lib/<domain>/actions.ts   export const addNote = defineAction({ permission: "contacts.note", schema, run });
 *   app/…/actions.ts          "use server";  export const addNoteAction = serverAction(contactActions.addNote, { refresh: true });
 *
 * `defineAction` is the only way to make an ActionDefinition (the type is branded, and
 * `executeAction` refuses objects it did not build), and it refuses a definition without a known
 * permission; `serverAction` is the only thing a 'use server' file exports, and it records which
 * definition each server action runs (`definitionOf`), so tests can enumerate them.
 */

export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]>; details?: unknown };

export interface ActionContext {
  user: CurrentUser;
  actor: Actor;
}

export interface ActionSpec<S extends z.ZodType, T> {
  /** What the user's role (re-read from the database on every call) must allow. */
  permission: Permission;
  /** Parses the input (an object, or FormData turned into one: use z.coerce for non-strings). */
  schema: S;
  // A method, so that any definition is also an ActionDefinition (e.g. in a list of them).
  run(input: z.output<S>, ctx: ActionContext): Promise<T | ActionResult<T>>;
}

declare const built: unique symbol;

/** An action as `defineAction` made it; an object literal cannot pass for one. */
export interface ActionDefinition<S extends z.ZodType = z.ZodType, T = unknown> extends Readonly<ActionSpec<S, T>> {
  readonly [built]: true;
}

const definitions = new WeakSet<object>();

/** The one builder of actions. Throws at load time when the permission is missing or unknown. */
export function defineAction<S extends z.ZodType, T>(spec: ActionSpec<S, T>): ActionDefinition<S, T> {
  if (typeof spec.permission !== "string" || !Object.hasOwn(PERMISSIONS, spec.permission)) {
    throw new Error(`An action needs a known permission; got ${String(spec.permission)}.`);
  }
  const definition = Object.freeze({ permission: spec.permission, schema: spec.schema, run: spec.run }) as ActionDefinition<S, T>;
  definitions.add(definition);
  return definition;
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
    if (!definitions.has(definition)) throw new Error("Not an action made by defineAction: refusing to run it.");
    const user = authorize(await session(), definition.permission);
    const input = raw instanceof FormData ? Object.fromEntries(raw.entries()) : raw;
    const parsed = definition.schema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
    }
    const ran = await definition.run(parsed.data, { user, actor: userActor(user) });
    const result: ActionResult<T> = isResult<T>(ran) ? ran : { ok: true, data: ran };
    // This user's next reads see what the action wrote (read-your-writes with a replica, db/replica.ts).
    if (result.ok) await noteWrite({ user: user.id });
    return result;
  } catch (error) {
    // Next's redirect() and notFound() are errors by design and must reach Next untouched.
    unstable_rethrow(error);
    return toActionError(error);
  }
}

/** What the pages do after a successful action; the only place actions refresh or revalidate. */
export type AfterAction<T> =
  /** Re-render the page the action was called from (a profile's forms then hold the new version). */
  | { refresh: true }
  /** Pages under `path` are stale (e.g. the list after a merge made from a profile). */
  | { revalidate: string; type?: "layout" | "page" }
  /** Go elsewhere (a deleted contact's profile no longer exists). */
  | { redirect: (data: T) => string };

function after<T>(then: AfterAction<T>, data: T): void {
  if ("refresh" in then) refresh();
  else if ("revalidate" in then) revalidatePath(then.revalidate, then.type);
  else redirect(then.redirect(data));
}

/**
 * A server action: callable as `action(input)` from an event handler and as
 * `action(previous, form)` by `useActionState`. The payload is always the last argument.
 */
export interface ServerAction<I, T> {
  (input: I | FormData): Promise<ActionResult<T>>;
  (previous: unknown, form: FormData): Promise<ActionResult<T>>;
}

const doors = new WeakMap<object, ActionDefinition>();

/**
 * The one wrapper every server action goes through: a 'use server' file exports only its results.
 * A server action is a public endpoint: nothing here trusts the client, including ids bound into it.
 */
export function serverAction<S extends z.ZodType, T>(definition: ActionDefinition<S, T>, then?: AfterAction<T>): ServerAction<z.input<S>, T> {
  const action = async (...args: unknown[]): Promise<ActionResult<T>> => {
    const result = await executeAction(definition, getSessionState, args.at(-1));
    if (result.ok && then) after(then, result.data as T);
    return result;
  };
  doors.set(action, definition);
  return action as ServerAction<z.input<S>, T>;
}

/** The definition a server action runs (undefined for anything `serverAction` did not make). */
export function definitionOf(action: unknown): ActionDefinition | undefined {
  return typeof action === "function" ? doors.get(action) : undefined;
}

function toActionError(error: unknown): { ok: false; message: string; fieldErrors?: Record<string, string[]>; details?: unknown } {
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
