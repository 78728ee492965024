"use client";

import { useState } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { HiddenFields } from "@/components/forms/hidden-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button, buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { TextareaField } from "@/components/ui/textarea-field";
import { eraseContactAction } from "../gdpr-actions";

interface GdprActionsProps {
  contactId: number;
  contactKey: string;
  canErase: boolean;
  canDownload: boolean;
}

/** The admins' GDPR doors on a profile: the access export (a plain download) and erasure. */
export function GdprActions({ contactId, contactKey, canErase, canDownload }: GdprActionsProps) {
  if (!canErase && !canDownload) return null;
  return (
    <div className="flex flex-wrap gap-2 sm:justify-end">
      {canDownload && (
        <a href={`/api/contacts/${contactId}/personal-data`} download className={buttonClass("secondary")}>
          Download data
        </a>
      )}
      {canErase && <EraseContact contactId={contactId} contactKey={contactKey} />}
    </div>
  );
}

function EraseContact({ contactId, contactKey }: { contactId: number; contactKey: string }) {
  const [open, setOpen] = useState(false);
  const { state, pending, onSubmit, errorsFor } = useActionForm(eraseContactAction);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} className="!text-red-700 hover:!bg-red-50">
        Erase personal data
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Erase personal data">
        <p className="text-sm">
          The contact and every personal value of it are removed everywhere: identifiers, notes, activity, the before and after of its audit
          entries, its rows in stored import files and its webhook events. Only a record that it was erased remains. This cannot be undone.
        </p>
        <form onSubmit={onSubmit} className="mt-4 space-y-4">
          <HiddenFields values={{ contactId }} />
          <TextareaField
            label="Legal basis or request reference"
            name="reference"
            rows={2}
            required
            errors={errorsFor("reference")}
            hint="Kept in the audit log with the erasure, e.g. “GDPR Art. 17 request #2026-114”."
          />
          <Field
            label="Contact ID"
            name="confirmContactKey"
            required
            autoComplete="off"
            spellCheck={false}
            errors={errorsFor("confirmContactKey")}
            hint={`Type ${contactKey} to confirm.`}
          />
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? "Erasing…" : "Erase permanently"}
            </Button>
          </div>
        </form>
        <ActionMessage state={state} className="mt-3" />
      </Dialog>
    </>
  );
}
