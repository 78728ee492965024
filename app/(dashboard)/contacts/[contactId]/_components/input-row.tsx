import type { InputHTMLAttributes, ReactNode } from "react";

interface InputRowProps extends InputHTMLAttributes<HTMLInputElement> {
  id: string;
  name: string;
  label: string;
  errors?: string[];
  hint?: string;
  /** The submit button, kept on the input's line whatever the hint's length. */
  button: ReactNode;
}

/** Label, then input and button on one line, then the hint or the errors. */
export function InputRow({ id, name, label, errors, hint, button, ...props }: InputRowProps) {
  const hasError = Boolean(errors?.length);
  const noteId = `${id}-note`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <div className="mt-1 flex gap-2">
        <input
          id={id}
          name={name}
          aria-invalid={hasError || undefined}
          aria-describedby={hasError || hint ? noteId : undefined}
          className={`block min-w-0 flex-1 rounded-md border px-3 py-2 text-sm shadow-sm focus:outline-none focus:ring-2 ${
            hasError ? "border-red-400 focus:ring-red-500" : "border-slate-300 focus:ring-indigo-500"
          }`}
          {...props}
        />
        {button}
      </div>
      {hasError ? (
        <p id={noteId} className="mt-1 text-sm text-red-600">
          {errors!.join(" ")}
        </p>
      ) : (
        hint && (
          <p id={noteId} className="mt-1 text-xs text-slate-500">
            {hint}
          </p>
        )
      )}
    </div>
  );
}
