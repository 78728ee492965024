import type { TextareaHTMLAttributes } from "react";
import { FieldShell, fieldIds } from "./field-shell";

export interface TextareaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
}

export function TextareaField({ label, name, errors, hint, id, className = "", ...props }: TextareaFieldProps) {
  const ids = fieldIds(name, id, errors, hint);
  return (
    <FieldShell label={label} controlId={ids.controlId} errors={errors} hint={hint} className={className}>
      <textarea name={name} {...ids.aria} className={ids.controlClass()} {...props} />
    </FieldShell>
  );
}
