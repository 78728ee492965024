"use client";

import { useState } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { HiddenFields } from "@/components/forms/hidden-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import type { SelectOption } from "@/components/ui/select-field";
import { updateFieldAction } from "../actions";

export interface InlineFieldProps {
  contactId: number;
  version: number;
  fieldId: string;
  label: string;
  kind: "text" | "select";
  /** The stored value, as the editor starts with it ("" when empty). */
  value: string;
  /** How the value reads; null shows a dash. */
  display: string | null;
  choices?: readonly SelectOption[];
  /** For selects that may be emptied, the empty choice's label. */
  emptyLabel?: string;
  /** A <datalist> id offering suggestions to a text field. */
  listId?: string;
}

/** One default attribute: read it, click Edit, change it, save; Escape cancels. */
export function InlineField(props: InlineFieldProps) {
  const { contactId, version, fieldId, label, kind, value, display, choices = [], emptyLabel, listId } = props;
  const [editing, setEditing] = useState(false);
  const { state, pending, onSubmit, errorsFor } = useActionForm(updateFieldAction, { onSuccess: () => setEditing(false) });
  const inputId = `attribute-${fieldId}`;
  const errors = errorsFor("value");

  if (!editing) {
    return (
      <div className="min-w-0">
        <dt className="text-xs font-medium text-slate-500">{label}</dt>
        <dd className="mt-0.5 flex items-start justify-between gap-2 text-sm">
          <span className={`min-w-0 break-words ${display ? "" : "text-slate-400"}`}>{display ?? "—"}</span>
          <button
            type="button"
            onClick={() => setEditing(true)}
            className="shrink-0 rounded px-1 text-xs font-medium text-indigo-700 hover:bg-indigo-50 hover:underline"
          >
            Edit<span className="sr-only"> {label}</span>
          </button>
        </dd>
        {state?.ok && (
          <dd role="status" className="text-xs text-green-700">
            {label}: {state.message}
          </dd>
        )}
      </div>
    );
  }

  const inputClass = `mt-1 block w-full rounded-md border px-2 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 ${
    errors ? "border-red-400 focus:ring-red-500" : "border-slate-300 focus:ring-indigo-500"
  }`;
  return (
    <div className="min-w-0">
      <dt>
        <label htmlFor={inputId} className="text-xs font-medium text-slate-700">
          {label}
        </label>
      </dt>
      <dd>
        <form
          onSubmit={onSubmit}
          onKeyDown={(e) => {
            if (e.key === "Escape") setEditing(false);
          }}
          noValidate
        >
          <HiddenFields values={{ contactId, version, field: fieldId }} />
          {kind === "select" ? (
            <select id={inputId} name="value" defaultValue={value} autoFocus className={`${inputClass} bg-white`} aria-invalid={Boolean(errors) || undefined}>
              {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
              {choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          ) : (
            <input id={inputId} name="value" defaultValue={value} autoFocus list={listId} autoComplete="off" className={inputClass} aria-invalid={Boolean(errors) || undefined} />
          )}
          {errors && <p className="mt-1 text-xs text-red-700">{errors.join(" ")}</p>}
          <ActionMessage state={state} fieldsShown={["value"]} className="mt-1" currentContactId={contactId} />
          <div className="mt-2 flex gap-2">
            <Button type="submit" disabled={pending} className="px-2 py-1 text-xs">
              {pending ? "Saving…" : "Save"}
              <span className="sr-only"> {label}</span>
            </Button>
            <Button type="button" variant="ghost" onClick={() => setEditing(false)} className="px-2 py-1 text-xs">
              Cancel
            </Button>
          </div>
        </form>
      </dd>
    </div>
  );
}
