"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { HiddenFields } from "@/components/forms/hidden-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { TextareaField } from "@/components/ui/textarea-field";
import { addNoteAction } from "../actions";

export function NoteForm({ contactId }: { contactId: number }) {
  const { state, pending, formRef, onSubmit, errorsFor } = useActionForm(addNoteAction, { resetOnSuccess: true });
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-2">
      <HiddenFields values={{ contactId }} />
      <TextareaField label="New note" name="body" id="add-note" rows={3} errors={errorsFor("body")} hint="Internal: contacts never see notes." />
      <div className="flex items-center gap-3">
        <Button type="submit" variant="secondary" disabled={pending}>
          Add note
        </Button>
        <ActionMessage state={state} fieldsShown={["body"]} />
      </div>
    </form>
  );
}
