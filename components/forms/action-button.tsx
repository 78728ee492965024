"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { HiddenFields } from "./hidden-fields";
import { useActionForm, type FormAction } from "./use-action-form";

interface ActionButtonProps {
  action: FormAction;
  fields: Record<string, string | number | boolean>;
  children: ReactNode;
  variant?: "primary" | "secondary" | "danger" | "ghost";
  className?: string;
}

/** One button that runs one server action (remove, make primary, …), with its error beside it. */
export function ActionButton({ action, fields, children, variant = "secondary", className = "" }: ActionButtonProps) {
  const { state, pending, onSubmit } = useActionForm(action);
  return (
    <form onSubmit={onSubmit} className="inline-flex flex-wrap items-center gap-2">
      <HiddenFields values={fields} />
      <Button type="submit" variant={variant} disabled={pending} className={`px-2 py-1 text-xs ${className}`}>
        {children}
      </Button>
      {state && !state.ok && (
        <span role="alert" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
