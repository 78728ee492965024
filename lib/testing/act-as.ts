import type { z } from "zod";
import type { User } from "@/db/schema";
import { loadSessionUser } from "@/lib/auth/session";
import { executeAction, type ActionDefinition } from "@/lib/safe-action";
import { uniquePhone } from "@/lib/testing/factories";

/** Runs an action definition the way the browser's server action does, signed in as `user`. */
export function actAs<S extends z.ZodType, T>(user: Pick<User, "id">, definition: ActionDefinition<S, T>, input: unknown) {
  return executeAction(definition, () => loadSessionUser(user.id), input);
}

/** A fresh US number as a person types it, and its E.164 form: ["(319) 555-0042", "+13195550042"]. */
export function typedUsPhone(): [string, string] {
  const e164 = uniquePhone();
  const digits = e164.slice(2);
  return [`(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`, e164];
}
