"use client";

import { useState } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { HiddenFields } from "@/components/forms/hidden-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/textarea-field";
import type { DefinitionWithUsage } from "@/lib/attributes/definitions";
import { deleteAttributeAction, updateAttributeAction } from "../actions";
import { countOf } from "@/lib/plural";

interface AttributeRowProps {
  definition: DefinitionWithUsage;
  typeLabel: string;
}

function needsConfirmation(details: unknown): boolean {
  return Boolean(details && typeof details === "object" && (details as { reason?: string }).reason === "confirm");
}

export function AttributeRow({ definition: d, typeLabel }: AttributeRowProps) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const update = useActionForm(updateAttributeAction, { onSuccess: () => setEditing(false) });
  const remove = useActionForm(deleteAttributeAction);
  const usage = countOf(d.valueCount, "contact");
  const askToConfirm = update.state && !update.state.ok && needsConfirmation(update.state.details);

  return (
    <li className="py-3">
      {editing ? (
        <form onSubmit={update.onSubmit} noValidate className="space-y-3">
          <HiddenFields values={{ id: d.id }} />
          <Field label="Label" name="label" id={`attribute-${d.id}-label`} defaultValue={d.label} autoFocus errors={update.errorsFor("label")} />
          {d.type === "dropdown" && (
            <TextareaField
              label="Options"
              name="options"
              id={`attribute-${d.id}-options`}
              rows={Math.min(10, d.options.length + 1)}
              defaultValue={d.options.join("\n")}
              errors={update.errorsFor("options")}
              hint="One option per line. Removing an option some contacts have clears their value, after you confirm."
            />
          )}
          <ActionMessage state={update.state} fieldsShown={["label", "options"]} />
          {askToConfirm && (
            <label className="flex items-center gap-2 text-sm font-medium text-red-800">
              <input type="checkbox" name="confirmRemovals" value="true" className="h-4 w-4" />
              Remove these options and clear those values
            </label>
          )}
          <div className="flex gap-2">
            <Button type="submit" disabled={update.pending}>
              Save<span className="sr-only"> {d.label}</span>
            </Button>
            <Button variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <p className="font-medium">
              {d.label} <span className="ml-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-normal text-slate-600">{typeLabel}</span>
            </p>
            <p className="mt-0.5 text-xs text-slate-500">
              Key <code className="font-mono">{d.key}</code> · set on {usage}
            </p>
            {d.type === "dropdown" && <p className="mt-0.5 text-xs break-words text-slate-600">Options: {d.options.join(", ")}</p>}
            {update.state?.ok && (
              <p role="status" className="mt-1 text-xs text-green-700">
                {update.state.message}
              </p>
            )}
          </div>
          <span className="flex gap-2">
            <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setEditing(true)}>
              Edit<span className="sr-only"> {d.label}</span>
            </Button>
            <Button variant="ghost" className="px-2 py-1 text-xs text-red-700" onClick={() => setDeleting(true)}>
              Delete<span className="sr-only"> {d.label}</span>
            </Button>
          </span>
        </div>
      )}
      <Dialog open={deleting} onClose={() => setDeleting(false)} title={`Delete “${d.label}”?`}>
        <p>
          {d.valueCount
            ? `${d.label} is set on ${usage}. Deleting it removes those values too.`
            : "No contact has a value for it."}{" "}
          This cannot be undone.
        </p>
        <form onSubmit={remove.onSubmit} className="mt-5 flex justify-end gap-2">
          {/* Confirms removing the values the page showed; if it showed none and some appeared since, the server refuses and says so. */}
          <HiddenFields values={{ id: d.id, confirm: d.valueCount > 0 }} />
          <Button variant="secondary" onClick={() => setDeleting(false)} autoFocus>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={remove.pending}>
            Delete attribute
          </Button>
        </form>
        <ActionMessage state={remove.state} className="mt-3" />
      </Dialog>
    </li>
  );
}
