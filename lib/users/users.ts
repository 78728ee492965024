import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { users, type User } from "@/db/schema";
import { ROLES } from "@/db/schema/enums";
import { recordAudit, type Actor } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { endSessions } from "@/lib/auth/session-version";
import { emailSchema } from "@/lib/email";
import { ConflictError, isUniqueViolation, NotFoundError } from "@/lib/errors";

const passwordSchema = z.string().min(12, "Use at least 12 characters.").max(1024);

export const newUserSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(200),
  email: emailSchema,
  role: z.enum(ROLES),
  password: passwordSchema,
});

/** What the audit log keeps of a user: never the password hash. */
function publicUser(u: User) {
  return { id: u.id, name: u.name, email: u.email, phone: u.phone, role: u.role, active: u.active };
}

export async function createUser(input: z.input<typeof newUserSchema>, actor: Actor): Promise<User> {
  const data = newUserSchema.parse(input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ name: data.name, email: data.email, role: data.role, passwordHash })
        .returning();
      await recordAudit(tx, actor, { action: "user.create", entityType: "user", entityId: user!.id, after: publicUser(user!) });
      return user!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError("That email already belongs to a user or a contact.", undefined, {
        email: ["That email already belongs to a user or a contact."],
      });
    }
    throw error;
  }
}

export async function setUserActive(id: number, active: boolean, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for("update");
    if (!before) throw new NotFoundError("That user no longer exists.");
    const [after] = await tx.update(users).set({ active, updatedAt: new Date() }).where(eq(users.id, id)).returning();
    if (!active) await endSessions(tx, id);
    await recordAudit(tx, actor, {
      action: active ? "user.activate" : "user.deactivate",
      entityType: "user",
      entityId: id,
      before: publicUser(before),
      after: publicUser(after!),
    });
  });
}

export async function setUserRole(id: number, role: User["role"], actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for("update");
    if (!before) throw new NotFoundError("That user no longer exists.");
    const [after] = await tx.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, id)).returning();
    if (role !== before.role) await endSessions(tx, id);
    await recordAudit(tx, actor, { action: "user.role", entityType: "user", entityId: id, before: publicUser(before), after: publicUser(after!) });
  });
}

/** A new password ends every session the user has (a stolen session must not survive the change). */
export async function setUserPassword(id: number, password: string, actor: Actor): Promise<void> {
  const passwordHash = await hashPassword(passwordSchema.parse(password));
  await db.transaction(async (tx) => {
    const [user] = await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, id)).returning();
    if (!user) throw new NotFoundError("That user no longer exists.");
    await endSessions(tx, id);
    await recordAudit(tx, actor, { action: "user.password", entityType: "user", entityId: id, after: publicUser(user) });
  });
}
