import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "@/db";
import { users, type User } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";

export type AdminChange = "deactivate" | "demote" | "reset";

const SELF: Record<AdminChange, string> = {
  deactivate: "You cannot deactivate your own account. Ask another admin.",
  demote: "You cannot change your own role. Ask another admin.",
  reset: "Change your own password on Your account, where your current password is asked.",
};

/** Nobody deactivates, demotes or resets the password of their own account from the users page. */
export function refuseSelf(id: number, actor: Actor, change: AdminChange): void {
  if (actor.id === id) throw new ForbiddenError(SELF[change]);
}

/**
 * Locks the user about to be changed, and, when the change takes an admin away (deactivating or
 * demoting one), every active admin's row first, in id order: two admins demoting each other at the
 * same moment then queue on the same rows, and the second sees the first's change (PostgreSQL
 * re-reads a locked row once its locker commits) and is refused rather than leaving no admin.
 * Returns the user as it is now, locked until the transaction ends.
 */
export async function lockUserForChange(tx: Executor, id: number, takesAdminAway: boolean): Promise<User> {
  const admins = takesAdminAway
    ? await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, "admin"), eq(users.active, true)))
        .orderBy(asc(users.id))
        .for("update")
    : [];
  const [user] = await tx.select().from(users).where(eq(users.id, id)).for("update");
  if (!user) throw new NotFoundError("That user no longer exists.");
  if (takesAdminAway && user.role === "admin" && user.active && admins.every((a) => a.id === id)) {
    throw new ConflictError(`${user.name} is the last active admin. Make another user an admin first, so that someone can still manage Switchboard.`);
  }
  return user;
}
