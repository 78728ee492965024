"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { HiddenFields } from "@/components/forms/hidden-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { InputRow } from "./input-row";
import { addTagAction } from "../actions";

interface AddTagFormProps {
  contactId: number;
  version: number;
  /** Names of the tags this contact does not have yet, for type-ahead. */
  suggestions: string[];
  canCreate: boolean;
}

export function AddTagForm({ contactId, version, suggestions, canCreate }: AddTagFormProps) {
  const { state, pending, formRef, onSubmit, errorsFor } = useActionForm(addTagAction, { resetOnSuccess: true });
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-2">
      <HiddenFields values={{ contactId, version }} />
      <InputRow
        id="add-tag"
        name="name"
        label="Tag"
        list="tag-suggestions"
        autoComplete="off"
        errors={errorsFor("name")}
        hint={canCreate ? "Pick a tag, or type a new name to create it." : "Pick one of the existing tags."}
        button={
          <Button type="submit" variant="secondary" disabled={pending} className="shrink-0">
            Add tag
          </Button>
        }
      />
      <datalist id="tag-suggestions">
        {suggestions.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <ActionMessage state={state} fieldsShown={["name"]} />
    </form>
  );
}
