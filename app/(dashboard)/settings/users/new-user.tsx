"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { DialogButtons } from "@/components/forms/dialog-buttons";
import { SecretDialogButton } from "@/components/forms/shown-secret";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { createUserAction } from "./actions";
import { PasswordChoice } from "./password-choice";
import { ROLE_OPTIONS } from "./role-options";

const FIELDS = ["name", "email", "phone", "role", "password"];

/** The New user button and its dialog: the form, then a generated password, shown this once. */
export function NewUserButton() {
  return (
    <SecretDialogButton
      buttonLabel="New user"
      title="New user"
      label="The new user's password"
      warning="You will not see this password again. Copy it now and hand it over safely; they can change it on Your account."
      form={(onCreated, onCancel) => <NewUserForm onCreated={onCreated} onCancel={onCancel} />}
    />
  );
}

function NewUserForm({ onCreated, onCancel }: { onCreated: (secret: string) => void; onCancel: () => void }) {
  const { state, pending, onSubmit, errorsFor } = useActionForm(createUserAction, {
    onSuccess: (result) => (result.data?.password ? onCreated(result.data.password) : onCancel()),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field label="Name" name="name" id="user-name" autoComplete="off" autoFocus errors={errorsFor("name")} />
      <Field label="Email" name="email" id="user-email" type="email" autoComplete="off" errors={errorsFor("email")} />
      <Field label="Phone" name="phone" id="user-phone" type="tel" autoComplete="off" hint="Optional." errors={errorsFor("phone")} />
      <SelectField label="Role" name="role" id="user-role" options={ROLE_OPTIONS} defaultValue="agent" errors={errorsFor("role")} />
      <PasswordChoice errors={errorsFor("password")} />
      <ActionMessage state={state} fieldsShown={FIELDS} />
      <DialogButtons onCancel={onCancel} submitLabel="Create user" pending={pending} />
    </form>
  );
}
