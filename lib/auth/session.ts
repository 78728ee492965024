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

/**
 * The user as the database has it now: role and active flag are never taken from the token.
 * `sessionVersion` is the one the session was issued with; a session whose version is no longer the
 * user's has been ended (sign-out, deactivation, role or password change: lib/auth/session-version.ts).
 * Only code that acts as a user without a session (tests, jobs) leaves it out.
 */
export async function loadSessionUser(id: number | undefined, sessionVersion?: number): Promise<SessionState> {
  if (typeof id !== "number" || !Number.isSafeInteger(id)) return { status: "signed-out" };
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      sessionVersion: users.sessionVersion,
    })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!user) return { status: "signed-out" };
  if (!user.active) return { status: "deactivated" };
  if (sessionVersion !== undefined && sessionVersion !== user.sessionVersion) return { status: "signed-out" };
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
  const claims = session?.user as { id?: number; sv?: unknown } | undefined;
  // A token without a version (issued before versions existed) matches no user's version.
  return loadSessionUser(claims?.id, typeof claims?.sv === "number" ? claims.sv : -1);
});

