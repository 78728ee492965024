import type { SelectHTMLAttributes } from "react";

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  name: string;
  options: readonly SelectOption[];
  /** A first, empty choice, e.g. "— none —". */
  emptyLabel?: string;
  errors?: string[];
  hint?: string;
}

/** A labelled select with its errors underneath, like `Field`. */
export function SelectField({ label, name, options, emptyLabel, errors, hint, id, className = "", ...props }: SelectFieldProps) {
  const selectId = id ?? `field-${name}`;
  const errorId = `${selectId}-error`;
  const hasError = Boolean(errors?.length);
  return (
    <div className={className}>
      <label htmlFor={selectId} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={selectId}
        name={name}
        aria-invalid={hasError || undefined}
        aria-describedby={hasError ? errorId : undefined}
        className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 ${
          hasError ? "border-red-400 focus:ring-red-500" : "border-slate-300 focus:ring-indigo-500"
        }`}
        {...props}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && !hasError && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      {hasError && (
        <p id={errorId} className="mt-1 text-sm text-red-600">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}
