"use client";

import type { ReactNode } from "react";
import { ActionMessage } from "./action-message";
import { HiddenFields } from "./hidden-fields";
import { useActionForm, type FormAction } from "./use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

interface ConfirmActionDialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: string;
  /** What confirming does, said plainly. */
  children: ReactNode;
  action: FormAction;
  fields: Record<string, string | number | boolean>;
  confirmLabel: string;
}

/** "Are you sure?" before a destructive action: Cancel (focused) or the red button that runs it. */
export function ConfirmActionDialog({ open, onClose, title, description, children, action, fields, confirmLabel }: ConfirmActionDialogProps) {
  const run = useActionForm(action);
  return (
    <Dialog open={open} onClose={onClose} title={title} description={description}>
      <div className="whitespace-normal text-left text-sm">{children}</div>
      <form onSubmit={run.onSubmit} className="mt-5 flex justify-end gap-2">
        <HiddenFields values={fields} />
        <Button variant="secondary" onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button type="submit" variant="danger" disabled={run.pending}>
          {confirmLabel}
        </Button>
      </form>
      <ActionMessage state={run.state} className="mt-3 text-left" />
    </Dialog>
  );
}
