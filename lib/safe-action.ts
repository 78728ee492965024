import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { userActor, type Actor } from "@/lib/audit";
import { requireUser, type CurrentUser } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import { DomainError, ForbiddenError } from "@/lib/errors";

export type ActionResult<T = undefined> =
  | { ok: true; data?: T; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string[]> };

export interface ActionContext {
  user: CurrentUser;
  actor: Actor;
}

/** Turns zod issues into `{ field: [messages] }`, keyed by the dotted path. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * The one wrapper every server action goes through: session → user re-read from the database →
 * permission → zod → run → one result shape. A server action is a public endpoint, so nothing
 * here trusts the client, including ids bound into the action.
 */
export function safeAction<S extends z.ZodType, T>(
  permission: Permission,
  schema: S,
  run: (input: z.output<S>, ctx: ActionContext) => Promise<T | ActionResult<T>>,
) {
  return async (raw: z.input<S> | FormData): Promise<ActionResult<T>> => {
    try {
      const user = await requireUser();
      if (!can(user.role, permission)) throw new ForbiddenError();
      const input = raw instanceof FormData ? Object.fromEntries(raw.entries()) : raw;
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        return { ok: false, message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
      }
      const result = await run(parsed.data, { user, actor: userActor(user) });
      if (result && typeof result === "object" && "ok" in result) return result as ActionResult<T>;
      return { ok: true, data: result as T };
    } catch (error) {
      unstable_rethrow(error);
      return toActionError(error);
    }
  };
}

export function toActionError(error: unknown): { ok: false; message: string; fieldErrors?: Record<string, string[]> } {
  if (error instanceof DomainError) {
    return { ok: false, message: error.message, ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}) };
  }
  console.error("Unexpected error in a server action", error);
  return { ok: false, message: "Something went wrong on our side. Nothing was changed; please try again." };
}
