"use client";

import { useState } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { ShownSecret } from "@/components/forms/shown-secret";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { createWebhookAction } from "./actions";
import { EventsFieldset } from "./events-fieldset";

/** The Add webhook button and its dialog: the form, then the signing secret, shown this once. */
export function NewWebhookButton() {
  const [open, setOpen] = useState(false);
  const [round, setRound] = useState(0);
  const [secret, setSecret] = useState<string | null>(null);
  const close = () => {
    setOpen(false);
    setSecret(null);
    setRound((r) => r + 1); // a fresh form next time
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>Add webhook</Button>
      <Dialog open={open} onClose={close} title="Add webhook">
        {secret ? (
          <ShownSecret
            secret={secret}
            label="Signing secret"
            warning="This is the secret your receiver checks signatures with. You will not see it again: copy it now."
            onDone={close}
          />
        ) : (
          <NewWebhookForm key={round} onCreated={setSecret} onCancel={close} />
        )}
      </Dialog>
    </>
  );
}

function NewWebhookForm({ onCreated, onCancel }: { onCreated: (secret: string) => void; onCancel: () => void }) {
  const { state, pending, onSubmit, errorsFor } = useActionForm(createWebhookAction, { onSuccess: (result) => result.data && onCreated(result.data.secret) });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <Field label="URL" name="url" id="webhook-url" type="url" autoComplete="off" autoFocus placeholder="https://example.com/hooks/switchboard" errors={errorsFor("url")} />
      <EventsFieldset idPrefix="new-webhook" checked={["contact.created", "contact.updated"]} errors={errorsFor("events")} />
      <ActionMessage state={state} fieldsShown={["url", "events"]} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          Add webhook
        </Button>
      </div>
    </form>
  );
}
