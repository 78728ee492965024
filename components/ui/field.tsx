import type { InputHTMLAttributes } from "react";

export interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
}

/** A labelled input with its error messages underneath, tied together for screen readers. */
export function Field({ label, name, errors, hint, id, className = "", ...props }: FieldProps) {
  const inputId = id ?? `field-${name}`;
  const errorId = `${inputId}-error`;
  const hasError = Boolean(errors?.length);
  return (
    <div className={className}>
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        aria-invalid={hasError || undefined}
        aria-describedby={hasError ? errorId : undefined}
        className={`mt-1 block w-full rounded-md border px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 ${
          hasError ? "border-red-400 focus:ring-red-500" : "border-slate-300 focus:ring-indigo-500"
        }`}
        {...props}
      />
      {hint && !hasError && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      {hasError && (
        <p id={errorId} className="mt-1 text-sm text-red-600">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}
