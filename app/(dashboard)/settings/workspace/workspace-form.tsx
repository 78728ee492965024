"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField, type SelectOption } from "@/components/ui/select-field";
import { updateWorkspaceAction } from "../actions";

interface WorkspaceFormProps {
  name: string;
  defaultCountry: string;
  countries: readonly SelectOption[];
}

export function WorkspaceForm({ name, defaultCountry, countries }: WorkspaceFormProps) {
  const { state, pending, onSubmit, errorsFor } = useActionForm(updateWorkspaceAction);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <Field label="Workspace name" name="name" defaultValue={name} errors={errorsFor("name")} autoComplete="off" />
      <SelectField
        label="Default country"
        name="defaultCountry"
        options={countries}
        defaultValue={defaultCountry}
        errors={errorsFor("defaultCountry")}
        hint="Phone numbers typed without a + country code are read as numbers of this country, in forms and imports."
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          Save workspace
        </Button>
        <ActionMessage state={state} fieldsShown={["name", "defaultCountry"]} />
      </div>
    </form>
  );
}
