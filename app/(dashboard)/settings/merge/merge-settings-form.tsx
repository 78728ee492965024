"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { MERGE_STRATEGIES, type MergeStrategy } from "@/db/schema/enums";
import { MERGE_STRATEGY_LABELS } from "@/lib/settings/merge-strategy-labels";
import { updateMergeSettingsAction } from "../actions";

interface MergeSettingsFormProps {
  leads: MergeStrategy;
  contacts: MergeStrategy;
}

const OPTIONS = MERGE_STRATEGIES.map((value) => ({ value, label: MERGE_STRATEGY_LABELS[value] }));

const FIELDS = [
  {
    name: "leads",
    label: "Merge integration leads with contacts by",
    hint: "For records sent with kind “lead”.",
  },
  {
    name: "contacts",
    label: "Merge integration contacts by",
    hint: "For records sent with kind “contact”.",
  },
] as const;

export function MergeSettingsForm({ leads, contacts }: MergeSettingsFormProps) {
  const { state, pending, onSubmit, errorsFor } = useActionForm(updateMergeSettingsAction);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      {FIELDS.map((field) => (
        <SelectField
          key={field.name}
          label={field.label}
          name={field.name}
          options={OPTIONS}
          defaultValue={field.name === "leads" ? leads : contacts}
          errors={errorsFor(field.name)}
          hint={field.hint}
        />
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          Save settings
        </Button>
        <ActionMessage state={state} fieldsShown={["leads", "contacts"]} />
      </div>
    </form>
  );
}
