"use client";

import { useState } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { TextareaField } from "@/components/ui/textarea-field";
import type { AttributeType } from "@/db/schema/enums";

import { createAttributeAction } from "../actions";

export function CreateAttributeForm({ typeLabels }: { typeLabels: Record<AttributeType, string> }) {
  const [type, setType] = useState<AttributeType>("text");
  const { state, pending, formRef, onSubmit, errorsFor } = useActionForm(createAttributeAction, {
    resetOnSuccess: true,
    onSuccess: () => setType("text"),
  });
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-3 space-y-4">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Label" name="label" id="new-attribute-label" autoComplete="off" errors={errorsFor("label")} />
        <Field
          label="Key"
          name="key"
          id="new-attribute-key"
          autoComplete="off"
          errors={errorsFor("key")}
          hint="For import, export and the API. Empty: made from the label. Cannot change later."
        />
        <SelectField
          label="Type"
          name="type"
          id="new-attribute-type"
          value={type}
          onChange={(e) => setType(e.target.value as AttributeType)}
          options={Object.entries(typeLabels).map(([value, label]) => ({ value, label }))}
          errors={errorsFor("type")}
          hint="Cannot change later."
        />
      </div>
      {type === "dropdown" && (
        <TextareaField label="Options" name="options" id="new-attribute-options" rows={4} errors={errorsFor("options")} hint="One option per line." />
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          Create attribute
        </Button>
        <ActionMessage state={state} fieldsShown={["label", "key", "type", "options"]} />
      </div>
    </form>
  );
}
