"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { DialogButtons } from "@/components/forms/dialog-buttons";
import { SecretDialogButton } from "@/components/forms/shown-secret";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { createApiTokenAction } from "./actions";

const SCOPES = [
  { value: "read", label: "read: read contacts, tags, attributes and users" },
  { value: "write", label: "write: also create, update and delete" },
  { value: "admin", label: "admin: also manage tags and attributes" },
];
const EXPIRY = [
  { value: "never", label: "Never" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In 365 days" },
];

/** The New token button and its dialog: the form, then the secret, shown this once. */
export function NewTokenButton() {
  return (
    <SecretDialogButton
      buttonLabel="New token"
      title="New API token"
      label="Your new API token"
      warning="You will not see this token again. Copy it now and keep it somewhere safe."
      form={(onCreated, onCancel) => <NewTokenForm onCreated={onCreated} onCancel={onCancel} />}
    />
  );
}

function NewTokenForm({ onCreated, onCancel }: { onCreated: (secret: string) => void; onCancel: () => void }) {
  const { state, pending, onSubmit, errorsFor } = useActionForm(createApiTokenAction, { onSuccess: (result) => result.data && onCreated(result.data.secret) });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field label="Name" name="name" id="token-name" autoComplete="off" autoFocus hint="Who uses it, e.g. “Help desk sync”." errors={errorsFor("name")} />
      <SelectField label="Scope" name="scope" id="token-scope" options={SCOPES} defaultValue="read" errors={errorsFor("scope")} />
      <SelectField label="Expires" name="expires" id="token-expires" options={EXPIRY} defaultValue="90" errors={errorsFor("expires")} />
      <ActionMessage state={state} fieldsShown={["name", "scope", "expires"]} />
      <DialogButtons onCancel={onCancel} submitLabel="Create token" pending={pending} />
    </form>
  );
}
