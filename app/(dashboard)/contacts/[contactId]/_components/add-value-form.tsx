"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { HiddenFields } from "@/components/forms/hidden-fields";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";

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
      <div className="flex flex-wrap items-end gap-2">
        <Field
          label={label}
          name={name}
          type={type}
          id={`add-${name}`}
          autoComplete="off"
          placeholder={placeholder}
          errors={errorsFor(name)}
          hint={hint}
          className="min-w-0 flex-1 basis-48"
        />
        <Button type="submit" variant="secondary" disabled={pending} className="mb-px">
          {button}
        </Button>
      </div>
      <ActionMessage state={state} hideErrorWithFields currentContactId={contactId} />
    </form>
  );
}
