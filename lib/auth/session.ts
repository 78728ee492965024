import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { db } from "@/db";
import { users } from "@/db/schema";
import type { Role } from "@/db/schema/enums";
import { ForbiddenError, UnauthenticatedError } from "@/lib/errors";
import { authOptions } from "./options";
import { can, type Permission } from "./permissions";

export interface CurrentUser {
  id: number;
  name: string;
  email: string;
  role: Role;
}

export type SessionState =
  | { status: "signed-in"; user: CurrentUser }
  | { status: "signed-out" }
  | { status: "deactivated" };

/** The user as the database has it now: role and active flag are never taken from the token. */
export async function loadSessionUser(id: number | undefined): Promise<SessionState> {
  if (typeof id !== "number" || !Number.isSafeInteger(id)) return { status: "signed-out" };
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!user) return { status: "signed-out" };
  if (!user.active) return { status: "deactivated" };
  return { status: "signed-in", user: { id: user.id, name: user.name, email: user.email, role: user.role } };
}

/** Throws unless the state is a signed-in user allowed `permission` (when given). */
export function authorize(state: SessionState, permission?: Permission): CurrentUser {
  if (state.status === "deactivated") throw new UnauthenticatedError("Your account has been deactivated.");
  if (state.status !== "signed-in") throw new UnauthenticatedError();
  if (permission && !can(state.user.role, permission)) throw new ForbiddenError();
  return state.user;
}

export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await getServerSession(authOptions);
  return loadSessionUser((session?.user as { id?: number } | undefined)?.id);
});

export async function requireUser(): Promise<CurrentUser> {
  return authorize(await getSessionState());
}

export async function requirePermission(permission: Permission): Promise<CurrentUser> {
  return authorize(await getSessionState(), permission);
}
