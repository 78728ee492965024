import type { ReactNode } from "react";

interface FieldIds {
  controlId: string;
  hasError: boolean;
  /** Props for the control: its id, error state and what describes it. */
  aria: { id: string; "aria-invalid"?: true; "aria-describedby"?: string };
  /** The control's classes, red when it has errors. */
  controlClass: (extra?: string) => string;
}

/** Ids and ARIA wiring shared by every labelled form control. */
export function fieldIds(name: string, id: string | undefined, errors: string[] | undefined, hint: string | undefined): FieldIds {
  const controlId = id ?? `field-${name}`;
  const hasError = Boolean(errors?.length);
  const describedBy = hasError ? `${controlId}-error` : hint ? `${controlId}-hint` : undefined;
  return {
    controlId,
    hasError,
    aria: { id: controlId, ...(hasError ? { "aria-invalid": true as const } : {}), ...(describedBy ? { "aria-describedby": describedBy } : {}) },
    controlClass: (extra = "") =>
      `mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 ${extra} ${
        hasError ? "border-red-400 focus:ring-red-500" : "border-slate-300 focus:ring-indigo-500"
      }`,
  };
}

interface FieldShellProps {
  label: string;
  controlId: string;
  errors?: string[];
  hint?: string;
  className?: string;
  children: ReactNode;
}

/** The label above a control, and its hint or its errors below. */
export function FieldShell({ label, controlId, errors, hint, className = "", children }: FieldShellProps) {
  const hasError = Boolean(errors?.length);
  return (
    <div className={className}>
      <label htmlFor={controlId} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !hasError && (
        <p id={`${controlId}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {hasError && (
        <p id={`${controlId}-error`} className="mt-1 text-sm text-red-600">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}
