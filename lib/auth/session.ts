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

/** The session's user as the database has it now: role and active flag are never taken from the token. */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: unknown } | undefined)?.id;
  if (typeof id !== "number") return { status: "signed-out" };
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, active: users.active })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!user) return { status: "signed-out" };
  if (!user.active) return { status: "deactivated" };
  return { status: "signed-in", user: { id: user.id, name: user.name, email: user.email, role: user.role } };
});

export async function requireUser(): Promise<CurrentUser> {
  const state = await getSessionState();
  if (state.status === "deactivated") throw new UnauthenticatedError("Your account has been deactivated.");
  if (state.status !== "signed-in") throw new UnauthenticatedError();
  return state.user;
}

export async function requirePermission(permission: Permission): Promise<CurrentUser> {
  const user = await requireUser();
  if (!can(user.role, permission)) throw new ForbiddenError();
  return user;
}
