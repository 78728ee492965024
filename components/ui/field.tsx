import type { InputHTMLAttributes } from "react";
import { FieldShell, fieldIds } from "./field-shell";

export interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
}

/** A labelled input with its error messages underneath, tied together for screen readers. */
export function Field({ label, name, errors, hint, id, className = "", ...props }: FieldProps) {
  const ids = fieldIds(name, id, errors, hint);
  return (
    <FieldShell label={label} controlId={ids.controlId} errors={errors} hint={hint} className={className}>
      <input name={name} {...ids.aria} className={ids.controlClass()} {...props} />
    </FieldShell>
  );
}
