import type { User } from "@/db/schema";
import type { Role } from "@/db/schema/enums";
import { db } from "@/db";
import { endSessions } from "@/lib/auth/session-version";
import { loadSessionUser, type SessionState } from "@/lib/auth/session";
import { actorOf, makeUser } from "@/lib/testing/factories";
import { setUserActive, setUserRole } from "@/lib/users/users";

/**
 * Everyone who may knock on a server action or an API route, each as a real session (user id and
 * the session version it was issued with) read back through `loadSessionUser`, as next-auth's
 * `getSessionState` does on every request.
 */
export const CALLERS = ["no session", "agent", "supervisor", "admin", "deactivated", "stale role", "signed out"] as const;
export type Caller = (typeof CALLERS)[number];

export interface CallerSession {
  /** The user behind the session (an admin for "no session", who owns the fixtures then). */
  user: User;
  /** The role the caller has now, or null when the session must be refused whatever the permission. */
  role: Role | null;
  /** The session as the door reads it, from the database, on each call. */
  session: () => Promise<SessionState>;
}

async function issued(role: Role): Promise<{ user: User; version: number }> {
  const user = await makeUser(role);
  return { user, version: user.sessionVersion };
}

/** Makes one user per caller. The stale sessions are an admin's, the most a stale session could do. */
export async function makeCallers(): Promise<Record<Caller, CallerSession>> {
  const boss = await makeUser("admin");
  const live = async (role: Role): Promise<CallerSession> => {
    const { user, version } = await issued(role);
    return { user, role, session: () => loadSessionUser(user.id, version) };
  };
  const stale = async (end: (user: User) => Promise<void>): Promise<CallerSession> => {
    const { user, version } = await issued("admin");
    await end(user);
    return { user, role: null, session: () => loadSessionUser(user.id, version) };
  };
  return {
    "no session": { user: boss, role: null, session: () => loadSessionUser(undefined) },
    agent: await live("agent"),
    supervisor: await live("supervisor"),
    admin: await live("admin"),
    deactivated: await stale((user) => setUserActive(user.id, false, actorOf(boss))),
    // An admin demoted to agent: the admin session issued before must not keep admin's rights.
    "stale role": await stale((user) => setUserRole(user.id, "agent", actorOf(boss))),
    // What next-auth's signOut event does: a copied cookie from before sign-out is dead.
    "signed out": await stale((user) => endSessions(db, user.id)),
  };
}
