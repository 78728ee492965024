"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { DialogButtons } from "@/components/forms/dialog-buttons";
import { SecretDialogButton } from "@/components/forms/shown-secret";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { createWebhookAction } from "./actions";
import { EventsFieldset } from "./events-fieldset";

/** The Add webhook button and its dialog: the form, then the signing secret, shown this once. */
export function NewWebhookButton() {
  return (
    <SecretDialogButton
      buttonLabel="Add webhook"
      title="Add webhook"
      label="Signing secret"
      warning="This is the secret your receiver checks signatures with. You will not see it again: copy it now."
      form={(onCreated, onCancel) => <NewWebhookForm onCreated={onCreated} onCancel={onCancel} />}
    />
  );
}

function NewWebhookForm({ onCreated, onCancel }: { onCreated: (secret: string) => void; onCancel: () => void }) {
  const { state, pending, onSubmit, errorsFor } = useActionForm(createWebhookAction, { onSuccess: (result) => result.data && onCreated(result.data.secret) });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field label="URL" name="url" id="webhook-url" type="url" autoComplete="off" autoFocus placeholder="https://example.com/hooks/switchboard" errors={errorsFor("url")} />
      <EventsFieldset idPrefix="new-webhook" checked={["contact.created", "contact.updated"]} errors={errorsFor("events")} />
      <ActionMessage state={state} fieldsShown={["url", "events"]} />
      <DialogButtons onCancel={onCancel} submitLabel="Add webhook" pending={pending} />
    </form>
  );
}
