"use client";

import { startTransition, useActionState, useState, type ReactNode } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { useUnsavedChanges } from "@/components/forms/use-unsaved-changes";
import { Button } from "@/components/ui/button";
import { fieldIds } from "@/components/ui/field-shell";
import type { SelectOption } from "@/components/ui/select-field";
import type { ActionResult } from "@/lib/safe-action";
import { updateAttributesAction } from "../actions";
import { Section } from "./section";

/** One editable row of the card: a default field ("fields.<id>") or a custom attribute ("attributes.<id>"). */
export interface EditableRow {
  /** Where the value is sent and its errors come back: "fields.jobTitle", "attributes.12". */
  key: string;
  label: string;
  kind: "text" | "select" | "number" | "date";
  /** The stored value as the editor starts with it ("" when empty). */
  value: string;
  /** How the value reads; null when empty (hidden until "Show empty fields"). */
  display: string | null;
  choices?: readonly SelectOption[];
  /** For selects that may be emptied, the empty choice's label. */
  emptyLabel?: string;
  /** A <datalist> id offering suggestions to a text field. */
  listId?: string;
}

export interface RowGroup {
  title: string;
  rows: EditableRow[];
  /** Said under the group's title when it has no rows (no custom attributes defined). */
  note?: ReactNode;
}

interface AttributesCardProps {
  contactId: number;
  version: number;
  groups: RowGroup[];
  /** The read-only record facts (Contact ID, source, dates), shown below the groups. */
  record: ReactNode;
}

type Payload = { contactId: number; version: number; fields: Record<string, string>; attributes: Record<string, string> };

const TIME_ZONES = Intl.supportedValuesOf("timeZone");

/**
 * The profile's attributes, default and custom, in one card with one way to edit them: Edit turns
 * every field into an input, changed ones are marked until Save (one write for all) or Cancel.
 * Empty fields are folded away behind "Show empty fields" while reading.
 */
export function AttributesCard({ contactId, version, groups, record }: AttributesCardProps) {
  const rows = groups.flatMap((g) => g.rows);
  const [editing, setEditing] = useState(false);
  const [showEmpty, setShowEmpty] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [state, dispatch, pending] = useActionState((_: ActionResult<unknown> | null, payload: Payload) => updateAttributesAction(payload), null);

  const changed = editing ? rows.filter((r) => (values[r.key] ?? r.value) !== r.value) : [];
  const dirty = changed.length > 0;
  useUnsavedChanges(dirty);

  // A successful save ends the editing (set during render, as React advises for state following state).
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    if (state?.ok) setEditing(false);
  }

  function edit() {
    setValues({});
    setEditing(true);
  }

  function save() {
    if (!dirty) return setEditing(false);
    const payload: Payload = { contactId, version, fields: {}, attributes: {} };
    for (const r of changed) {
      const [kind, id] = r.key.split(".") as ["fields" | "attributes", string];
      payload[kind][id] = values[r.key]!;
    }
    startTransition(() => {
      dispatch(payload);
    });
  }

  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const empty = rows.filter((r) => r.display === null).length;
  const shown = (r: EditableRow) => editing || showEmpty || r.display !== null;

  return (
    <Section
      id="attributes"
      title="Attributes"
      aside={
        !editing && (
          <Button variant="secondary" onClick={edit} className="px-2 py-1 text-xs">
            Edit<span className="sr-only"> attributes</span>
          </Button>
        )
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
        onKeyDown={(e) => {
          if (e.key === "Escape" && !dirty) setEditing(false);
        }}
        noValidate
        className="space-y-5"
      >
        {groups.map((group) => {
          const visible = group.rows.filter(shown);
          if (visible.length === 0 && !(group.note && (editing || showEmpty))) return null;
          return (
            <div key={group.title}>
              <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">{group.title}</h3>
              {visible.length === 0 && <p className="mt-2 text-sm text-slate-500">{group.note}</p>}
              <dl className="mt-2 grid gap-x-6 gap-y-3 sm:grid-cols-2">
                {visible.map((row) =>
                  editing ? (
                    <RowEditor
                      key={row.key}
                      row={row}
                      value={values[row.key] ?? row.value}
                      onChange={(v) => setValues((all) => ({ ...all, [row.key]: v }))}
                      changed={changed.includes(row)}
                      errors={errors?.[row.key]}
                    />
                  ) : (
                    <div key={row.key} className="min-w-0">
                      <dt className="text-xs font-medium text-slate-500">{row.label}</dt>
                      <dd className={`mt-0.5 text-sm break-words ${row.display === null ? "text-slate-400" : ""}`}>{row.display ?? "—"}</dd>
                    </div>
                  ),
                )}
              </dl>
            </div>
          );
        })}
        {!editing && empty > 0 && (
          <button type="button" onClick={() => setShowEmpty((s) => !s)} aria-expanded={showEmpty} className="text-sm font-medium text-indigo-700 hover:underline">
            {showEmpty ? "Hide empty fields" : `Show empty fields (${empty})`}
          </button>
        )}
        {editing && (
          <div className="sticky bottom-0 -mx-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 sm:-mx-5 sm:px-5">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save"}
            </Button>
            <Button variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
            {dirty && (
              <p role="status" className="text-sm font-medium text-amber-800">
                You have unsaved changes ({changed.length === 1 ? "1 field" : `${changed.length} fields`}).
              </p>
            )}
            <ActionMessage state={state} fieldsShown={rows.map((r) => r.key)} currentContactId={contactId} className="w-full" />
          </div>
        )}
        {!editing && state?.ok && (
          <p role="status" className="text-sm text-green-700">
            {state.message}
          </p>
        )}
        {record}
      </form>
      <datalist id="time-zones">
        {editing && TIME_ZONES.map((tz) => <option key={tz} value={tz} />)}
      </datalist>
    </Section>
  );
}

interface RowEditorProps {
  row: EditableRow;
  value: string;
  onChange: (value: string) => void;
  changed: boolean;
  errors?: string[];
}

function RowEditor({ row, value, onChange, changed, errors }: RowEditorProps) {
  const ids = fieldIds(row.key, `edit-${row.key.replace(".", "-")}`, errors, undefined);
  // The scroll margin keeps a focused field clear of the sticky Save bar.
  const controlClass = ids.controlClass(`scroll-mb-24 py-1.5 ${changed && !errors ? "border-amber-400 bg-amber-50/40" : ""}`);
  return (
    <div className="min-w-0">
      <dt className="flex items-center gap-2">
        <label htmlFor={ids.controlId} className="text-xs font-medium text-slate-700">
          {row.label}
        </label>
        {changed && <span className="rounded bg-amber-100 px-1.5 text-[11px] font-medium text-amber-900">Unsaved</span>}
      </dt>
      <dd>
        {row.kind === "select" ? (
          <select {...ids.aria} value={value} onChange={(e) => onChange(e.target.value)} className={`${controlClass} bg-white`}>
            {row.emptyLabel !== undefined && <option value="">{row.emptyLabel}</option>}
            {row.choices?.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...ids.aria}
            type={row.kind}
            step={row.kind === "number" ? "any" : undefined}
            inputMode={row.kind === "number" ? "decimal" : undefined}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            list={row.listId}
            autoComplete="off"
            className={controlClass}
          />
        )}
        {errors && (
          <p id={`${ids.controlId}-error`} className="mt-1 text-xs text-red-700">
            {errors.join(" ")}
          </p>
        )}
      </dd>
    </div>
  );
}
