import { z } from "zod";
import { ROLES } from "@/db/schema/enums";
import { generatePassword, passwordSchema } from "@/lib/auth/password-policy";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { defineAction } from "@/lib/safe-action";
import { accountNameInput, changeOwnPassword, ownPasswordInput, renameOwnAccount } from "./account";
import { createUser, newUserSchema, resetUserPassword, setUserActive, setUserRole } from "./users";

const userId = z.coerce.number().int().positive();

/** A password typed by the admin, checked like any other, or one generated and shown once. */
const chosenPassword = {
  passwordChoice: z.enum(["generate", "type"]).default("generate"),
  password: z.string().max(1024).optional(),
};
function checkTypedPassword(v: { passwordChoice: "generate" | "type"; password?: string | undefined }, ctx: z.RefinementCtx) {
  if (v.passwordChoice !== "type") return;
  const parsed = passwordSchema.safeParse(v.password ?? "");
  for (const issue of parsed.error?.issues ?? []) ctx.addIssue({ code: "custom", path: ["password"], message: issue.message });
}
const passwordOf = (v: { passwordChoice: "generate" | "type"; password?: string | undefined }) =>
  v.passwordChoice === "generate" ? generatePassword() : v.password!;

const newUserInput = newUserSchema.omit({ password: true }).extend(chosenPassword).superRefine(checkTypedPassword);
const resetInput = z.object({ id: userId, ...chosenPassword }).superRefine(checkTypedPassword);

/** The admin's user actions (SPEC §8) and everyone's own account (/settings/account). */
export const userActions = {
  createUser: defineAction({
    permission: "settings.manage",
    schema: newUserInput,
    run: async (input, { actor }) => {
      const password = passwordOf(input);
      const user = await createUser({ ...input, password }, actor);
      // A generated password goes back to the dialog that asked for it, once, to be handed over; a typed one never does.
      return { ok: true, data: { id: user.id, password: input.passwordChoice === "generate" ? password : null }, message: `${user.name} can now sign in.` };
    },
  }),
  setRole: defineAction({
    permission: "settings.manage",
    schema: z.object({ id: userId, role: z.enum(ROLES) }),
    run: async (input, { actor }) => {
      await setUserRole(input.id, input.role, actor);
      return { ok: true, message: `Role changed to ${ROLE_LABELS[input.role]}.` };
    },
  }),
  deactivate: defineAction({
    permission: "settings.manage",
    schema: z.object({ id: userId }),
    run: async (input, { actor }) => {
      await setUserActive(input.id, false, actor);
      return { ok: true, message: "Deactivated: signed out now, and cannot sign in." };
    },
  }),
  reactivate: defineAction({
    permission: "settings.manage",
    schema: z.object({ id: userId }),
    run: async (input, { actor }) => {
      await setUserActive(input.id, true, actor);
      return { ok: true, message: "Reactivated: can sign in again." };
    },
  }),
  resetPassword: defineAction({
    permission: "settings.manage",
    schema: resetInput,
    run: async (input, { actor }) => {
      const password = passwordOf(input);
      await resetUserPassword(input.id, password, actor);
      return { ok: true, data: { password: input.passwordChoice === "generate" ? password : null }, message: "Password reset: the user's sessions have ended." };
    },
  }),
  renameAccount: defineAction({
    permission: "account.edit",
    schema: accountNameInput,
    run: async (input, { user, actor }) => {
      await renameOwnAccount(user.id, input.name, actor);
      return { ok: true, message: "Name saved." };
    },
  }),
  changePassword: defineAction({
    permission: "account.edit",
    schema: ownPasswordInput,
    run: async (input, { user, actor }) => {
      await changeOwnPassword(user.id, input, actor);
      return { ok: true, message: "Password changed. Sign in again with your new password." };
    },
  }),
};
