import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { users } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { verifyPassword } from "@/lib/auth/password";
import { passwordSchema } from "@/lib/auth/password-policy";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { publicUser, setUserPassword, userNameSchema } from "./users";

/** What every signed-in user may change of their own account (/settings/account). */

export const accountNameInput = z.object({ name: userNameSchema });

export async function renameOwnAccount(userId: number, name: string, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!before) throw new NotFoundError("Your account no longer exists.");
    if (before.name === name) return;
    const [after] = await tx.update(users).set({ name, updatedAt: new Date() }).where(eq(users.id, userId)).returning();
    await recordAudit(tx, actor, { action: "user.update", entityType: "user", entityId: userId, before: publicUser(before), after: publicUser(after!) });
  });
}

export const ownPasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1024),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ." });

/**
 * Needs the current password, so that a session left open cannot take the account over. The change
 * ends every session of the user, this one too: they sign in again with the new password.
 */
export async function changeOwnPassword(userId: number, input: z.output<typeof ownPasswordInput>, actor: Actor): Promise<void> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user) throw new NotFoundError("Your account no longer exists.");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new ValidationError("Your current password is not right.", { currentPassword: ["Your current password is not right."] });
  }
  if (input.newPassword === input.currentPassword) {
    throw new ValidationError("Choose a new password, not the current one.", { newPassword: ["Choose a new password, not the current one."] });
  }
  await setUserPassword(userId, input.newPassword, actor);
}
