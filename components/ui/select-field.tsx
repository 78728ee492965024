import type { SelectHTMLAttributes } from "react";
import { FieldShell, fieldIds } from "./field-shell";

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
  const ids = fieldIds(name, id, errors, hint);
  return (
    <FieldShell label={label} controlId={ids.controlId} errors={errors} hint={hint} className={className}>
      <select name={name} {...ids.aria} className={ids.controlClass("bg-white")} {...props}>
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
