"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { HiddenFields } from "@/components/forms/hidden-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { addLinkAction } from "../actions";

export function AddLinkForm({ contactId, version }: { contactId: number; version: number }) {
  const { state, pending, formRef, onSubmit, errorsFor } = useActionForm(addLinkAction, { resetOnSuccess: true });
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-2">
      <HiddenFields values={{ contactId, version }} />
      <div className="grid gap-2 sm:grid-cols-2">
        <Field label="Link label" name="label" id="add-link-label" autoComplete="off" placeholder="e.g. HubSpot" errors={errorsFor("label")} />
        <Field label="Link URL" name="url" id="add-link-url" type="url" autoComplete="off" placeholder="https://" errors={errorsFor("url")} />
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        Add link
      </Button>
      <ActionMessage state={state} fieldsShown={["label", "url"]} />
    </form>
  );
}
