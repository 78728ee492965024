"use client";

import { ActionMessage } from "@/components/forms/action-message";
import { HiddenFields } from "@/components/forms/hidden-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { AttributeType } from "@/db/schema/enums";
import { setAttributeAction } from "../actions";

interface CustomAttributeEditorProps {
  contactId: number;
  version: number;
  definition: { id: number; label: string; type: AttributeType; options: string[] };
  /** The current value as text ("" when unset; "true"/"false" for yes/no). */
  value: string;
}

const inputClass =
  "block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500 aria-[invalid=true]:border-red-400";

/** The editor for one custom attribute, by its type; the server validates again. */
export function CustomAttributeEditor({ contactId, version, definition, value }: CustomAttributeEditorProps) {
  const { state, pending, onSubmit, errorsFor } = useActionForm(setAttributeAction);
  const id = `custom-${definition.id}`;
  const errors = errorsFor("value");
  const invalid = Boolean(errors) || undefined;
  // Remount the control when the saved value changes, so it shows what is stored now.
  const key = `${definition.id}:${value}`;

  let control;
  switch (definition.type) {
    case "number":
      control = <input key={key} id={id} name="value" type="number" step="any" inputMode="decimal" defaultValue={value} className={inputClass} aria-invalid={invalid} />;
      break;
    case "date":
      control = <input key={key} id={id} name="value" type="date" defaultValue={value} className={inputClass} aria-invalid={invalid} />;
      break;
    case "dropdown":
      control = (
        <select key={key} id={id} name="value" defaultValue={value} className={`${inputClass} bg-white`} aria-invalid={invalid}>
          <option value="">— none —</option>
          {definition.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
          {value && !definition.options.includes(value) && <option value={value}>{value}</option>}
        </select>
      );
      break;
    case "boolean":
      control = (
        <>
          {/* An unticked box sends nothing; this sends "false" instead, and a tick overrides it. */}
          <input type="hidden" name="value" value="false" />
          <input key={key} id={id} name="value" type="checkbox" value="true" defaultChecked={value === "true"} className="h-4 w-4 rounded border-slate-300" />
        </>
      );
      break;
    default:
      control = <input key={key} id={id} name="value" type="text" defaultValue={value} autoComplete="off" className={inputClass} aria-invalid={invalid} />;
  }

  return (
    <form onSubmit={onSubmit} noValidate className="py-2">
      <HiddenFields values={{ contactId, version, attributeId: definition.id }} />
      <div className={definition.type === "boolean" ? "flex items-center gap-3" : "grid gap-1 sm:grid-cols-[10rem_minmax(0,1fr)_auto] sm:items-center sm:gap-3"}>
        <label htmlFor={id} className="text-sm font-medium text-slate-700">
          {definition.label}
        </label>
        {control}
        <Button type="submit" variant="secondary" disabled={pending} className="w-fit px-2 py-1 text-xs">
          Save<span className="sr-only"> {definition.label}</span>
        </Button>
      </div>
      {errors && <p className="mt-1 text-xs text-red-700">{errors.join(" ")}</p>}
      <ActionMessage state={state} fieldsShown={["value"]} currentContactId={contactId} className="mt-1 text-xs" />
    </form>
  );
}
