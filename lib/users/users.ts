import { eq } from "drizzle-orm";
import { z } from "zod";
import { db, type Executor } from "@/db";
import { users, type User } from "@/db/schema";
import { ROLES } from "@/db/schema/enums";
import { recordAudit, type Actor } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { passwordSchema } from "@/lib/auth/password-policy";
import { endSessions } from "@/lib/auth/session-version";
import { contactHolding, heldByContactError, type IdentifierKind } from "@/lib/contacts/identifier-conflicts";
import { emailSchema, normalizeEmail } from "@/lib/email";
import { ConflictError, isUniqueViolation, ValidationError } from "@/lib/errors";
import { normalizePhone } from "@/lib/phone";
import { defaultCountry } from "@/lib/workspace";
import { lockUserForChange, refuseSelf } from "./admin-guard";
import { refuseControlChars } from "@/lib/fields/text";

export const userNameSchema = z.string().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters.").superRefine(refuseControlChars("The name"));

export const newUserSchema = z.object({
  name: userNameSchema,
  email: emailSchema,
  /** Optional; read with the workspace's default country when typed without +. */
  phone: z
    .string()
    .trim()
    .max(40, "That is too long for a phone number.")
    .optional()
    .transform((v) => v || undefined),
  role: z.enum(ROLES),
  password: passwordSchema,
});

/** What the audit log keeps of a user: never the password or its hash. */
export function publicUser(u: User) {
  return { id: u.id, name: u.name, email: u.email, phone: u.phone, role: u.role, active: u.active };
}

async function phoneOf(input: string | undefined): Promise<string | null> {
  if (!input) return null;
  const parsed = normalizePhone(input, await defaultCountry());
  if (!parsed.ok) throw new ValidationError(parsed.message, { phone: [parsed.message] });
  return parsed.e164;
}

/** A contact's e-mail or phone cannot also be a user's: refused naming the contact (the reverse: contacts/identifier-conflicts.ts). */
async function refuseContactIdentifiers(ex: Executor, values: { email: string; phone: string | null }): Promise<void> {
  const checks: [IdentifierKind, string | null][] = [
    ["email", normalizeEmail(values.email)],
    ["phone", values.phone],
  ];
  for (const [kind, value] of checks) {
    const holder = value ? await contactHolding(ex, kind, value) : null;
    if (holder) throw heldByContactError(kind, holder);
  }
}

/** The loser of a race with a contact's save, or a user holding the value already, in the form's words. */
async function explainUserWriteError(error: unknown, values: { email: string; phone: string | null }): Promise<unknown> {
  if (isUniqueViolation(error, "identifier_held_by_contact")) {
    try {
      await refuseContactIdentifiers(db, values);
    } catch (explained) {
      return explained;
    }
  }
  if (isUniqueViolation(error, "users_email_lower_key")) {
    return new ConflictError("Another user already has this email address.", undefined, { email: ["Another user already has this email address."] });
  }
  if (isUniqueViolation(error, "users_phone_key")) {
    return new ConflictError("Another user already has this phone number.", undefined, { phone: ["Another user already has this phone number."] });
  }
  return error;
}

export async function createUser(input: z.input<typeof newUserSchema>, actor: Actor): Promise<User> {
  const data = newUserSchema.parse(input);
  const phone = await phoneOf(data.phone);
  const passwordHash = await hashPassword(data.password);
  const values = { email: data.email, phone };
  try {
    return await db.transaction(async (tx) => {
      await refuseContactIdentifiers(tx, values);
      const [user] = await tx.insert(users).values({ name: data.name, email: data.email, phone, role: data.role, passwordHash }).returning();
      await recordAudit(tx, actor, { action: "user.create", entityType: "user", entityId: user!.id, after: publicUser(user!) });
      return user!;
    });
  } catch (error) {
    throw await explainUserWriteError(error, values);
  }
}

/** Deactivating ends the user's sessions at their next request; nobody deactivates themselves or the last active admin. */
export async function setUserActive(id: number, active: boolean, actor: Actor): Promise<void> {
  if (!active) refuseSelf(id, actor, "deactivate");
  await db.transaction(async (tx) => {
    const before = await lockUserForChange(tx, id, !active);
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

/** A new role takes effect at the user's next action; nobody changes their own, and the last active admin stays one. */
export async function setUserRole(id: number, role: User["role"], actor: Actor): Promise<void> {
  refuseSelf(id, actor, "demote");
  await db.transaction(async (tx) => {
    const before = await lockUserForChange(tx, id, role !== "admin");
    if (role === before.role) return;
    const [after] = await tx.update(users).set({ role, updatedAt: new Date() }).where(eq(users.id, id)).returning();
    await endSessions(tx, id);
    await recordAudit(tx, actor, { action: "user.role", entityType: "user", entityId: id, before: publicUser(before), after: publicUser(after!) });
  });
}

/** A new password ends every session the user has (a stolen session must not survive the change). */
export async function setUserPassword(id: number, password: string, actor: Actor): Promise<void> {
  const passwordHash = await hashPassword(passwordSchema.parse(password));
  await db.transaction(async (tx) => {
    await lockUserForChange(tx, id, false);
    const [user] = await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, id)).returning();
    await endSessions(tx, id);
    // The entry says that the password changed, never what to.
    await recordAudit(tx, actor, { action: "user.password", entityType: "user", entityId: id, after: publicUser(user!) });
  });
}

/** An admin's reset of another user's password (one's own is changed on Your account, with the current one). */
export async function resetUserPassword(id: number, password: string, actor: Actor): Promise<void> {
  refuseSelf(id, actor, "reset");
  await setUserPassword(id, password, actor);
}
