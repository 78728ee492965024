"use client";

import { useId, useState } from "react";
import { Field } from "@/components/ui/field";

interface PasswordChoiceProps {
  errors?: string[];
}

/** Generate a password (shown once, to hand over) or type one: the choice in New user and Reset password. */
export function PasswordChoice({ errors }: PasswordChoiceProps) {
  const [choice, setChoice] = useState<"generate" | "type">(errors?.length ? "type" : "generate");
  const id = useId();
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Password</legend>
      <div className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <label className="inline-flex items-center gap-2">
          <input type="radio" name="passwordChoice" value="generate" checked={choice === "generate"} onChange={() => setChoice("generate")} />
          Generate password
        </label>
        <label className="inline-flex items-center gap-2">
          <input type="radio" name="passwordChoice" value="type" checked={choice === "type"} onChange={() => setChoice("type")} />
          Type a password
        </label>
      </div>
      {choice === "type" ? (
        <Field
          label="New password"
          name="password"
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters, and not one of the most common passwords."
          errors={errors}
        />
      ) : (
        <p className="text-sm text-slate-600">A random password is shown once, to copy and hand over.</p>
      )}
    </fieldset>
  );
}
