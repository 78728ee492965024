"use client";

import { signOut } from "next-auth/react";
import { ActionMessage } from "@/components/forms/action-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { changePasswordAction, renameAccountAction } from "./actions";

export function NameForm({ name }: { name: string }) {
  const { state, pending, onSubmit, errorsFor } = useActionForm(renameAccountAction);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field label="Name" name="name" id="account-name" autoComplete="name" defaultValue={name} errors={errorsFor("name")} />
      <ActionMessage state={state} fieldsShown={["name"]} />
      <Button type="submit" disabled={pending}>
        Save name
      </Button>
    </form>
  );
}

const PASSWORD_FIELDS = ["currentPassword", "newPassword", "confirmPassword"];

/** The change ends every session, this one too (the action bumps the session version): sign in again. */
export function PasswordForm({ email }: { email: string }) {
  const { state, pending, onSubmit, errorsFor, formRef } = useActionForm(changePasswordAction, {
    onSuccess: () => void signOut({ callbackUrl: "/login?notice=password-changed" }),
  });
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      {/* For password managers: whose password this is. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field label="Current password" name="currentPassword" id="account-current" type="password" autoComplete="current-password" errors={errorsFor("currentPassword")} />
      <Field
        label="New password"
        name="newPassword"
        id="account-new"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters, and not one of the most common passwords."
        errors={errorsFor("newPassword")}
      />
      <Field label="Repeat the new password" name="confirmPassword" id="account-confirm" type="password" autoComplete="new-password" errors={errorsFor("confirmPassword")} />
      <ActionMessage state={state} fieldsShown={PASSWORD_FIELDS} />
      <Button type="submit" disabled={pending}>
        Change password
      </Button>
    </form>
  );
}
