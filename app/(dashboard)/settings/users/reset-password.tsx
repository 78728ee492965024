"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { DialogButtons } from "@/components/forms/dialog-buttons";
import { HiddenFields } from "@/components/forms/hidden-fields";
import { SecretDialogButton } from "@/components/forms/shown-secret";
import { useActionForm } from "@/components/forms/use-action-form";
import { resetUserPasswordAction } from "./actions";
import { PasswordChoice } from "./password-choice";

/** Reset password on a user's row: a new password (generated and shown once, or typed); their sessions end. */
export function ResetPasswordButton({ user }: { user: { id: number; name: string } }) {
  return (
    <SecretDialogButton
      buttonLabel={
        <>
          Reset password<span className="sr-only"> of {user.name}</span>
        </>
      }
      buttonVariant="ghost"
      buttonClassName="px-2 py-1 text-xs"
      title={`Reset the password of ${user.name}`}
      label={`The new password of ${user.name}`}
      warning="You will not see this password again. Copy it now and hand it over safely."
      form={(onCreated, onCancel) => <ResetPasswordForm userId={user.id} onCreated={onCreated} onCancel={onCancel} />}
    />
  );
}

interface ResetPasswordFormProps {
  userId: number;
  onCreated: (secret: string) => void;
  onCancel: () => void;
}

function ResetPasswordForm({ userId, onCreated, onCancel }: ResetPasswordFormProps) {
  const { state, pending, onSubmit, errorsFor } = useActionForm(resetUserPasswordAction, {
    onSuccess: (result) => (result.data?.password ? onCreated(result.data.password) : onCancel()),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 whitespace-normal text-left">
      <HiddenFields values={{ id: userId }} />
      <p className="text-sm text-slate-600">Their sessions end now: they sign in again with the new password.</p>
      <PasswordChoice errors={errorsFor("password")} />
      <ActionMessage state={state} fieldsShown={["password"]} />
      <DialogButtons onCancel={onCancel} submitLabel="Reset password" pending={pending} />
    </form>
  );
}
