"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { HiddenFields } from "@/components/forms/hidden-fields";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { InputRow } from "./input-row";

interface AddValueFormProps {
  action: FormAction;
  contactId: number;
  version: number;
  name: string;
  label: string;
  button: string;
  type?: "text" | "email" | "tel" | "url";
  hint?: string;
  placeholder?: string;
}

/** A one-field "add" form (phone, e-mail) that clears itself after a save. */
export function AddValueForm({ action, contactId, version, name, label, button, type = "text", hint, placeholder }: AddValueFormProps) {
  const { state, pending, formRef, onSubmit, errorsFor } = useActionForm(action, { resetOnSuccess: true });
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-2">
      <HiddenFields values={{ contactId, version }} />
      <InputRow
        id={`add-${name}`}
        name={name}
        label={label}
        type={type}
        autoComplete="off"
        placeholder={placeholder}
        errors={errorsFor(name)}
        hint={hint}
        button={
          <Button type="submit" variant="secondary" disabled={pending} className="shrink-0">
            {button}
          </Button>
        }
      />
      <ActionMessage state={state} fieldsShown={[name]} currentContactId={contactId} />
    </form>
  );
}
