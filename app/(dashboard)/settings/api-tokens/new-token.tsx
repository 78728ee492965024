"use client";

import { useState } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { ShownSecret } from "@/components/forms/shown-secret";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
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
  const [open, setOpen] = useState(false);
  const [round, setRound] = useState(0);
  const [secret, setSecret] = useState<string | null>(null);
  const close = () => {
    setOpen(false);
    setSecret(null);
    setRound((r) => r + 1); // a fresh form, without the last one's message, next time
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>New token</Button>
      <Dialog open={open} onClose={close} title="New API token">
        {secret ? <ShownSecret secret={secret} label="Your new API token" warning="You will not see this token again. Copy it now and keep it somewhere safe." onDone={close} /> : <NewTokenForm key={round} onCreated={setSecret} onCancel={close} />}
      </Dialog>
    </>
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
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          Create token
        </Button>
      </div>
    </form>
  );
}
