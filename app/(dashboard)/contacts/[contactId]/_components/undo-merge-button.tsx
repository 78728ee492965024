"use client";

import { useState } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { HiddenFields } from "@/components/forms/hidden-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { undoMerge } from "../merge-undo-actions";

interface UndoMergeButtonProps {
  journalId: number;
  /** The Contact IDs the merge took in, named in the confirmation. */
  mergedKeys: string[];
  name: string;
}

/** "Undo merge" on a merge's timeline entry or notice, with a confirmation; on success the profile reloads with the outcome. */
export function UndoMergeButton({ journalId, mergedKeys, name }: UndoMergeButtonProps) {
  const [open, setOpen] = useState(false);
  const { state, pending, onSubmit } = useActionForm(undoMerge);
  const count = mergedKeys.length === 1 ? "1 contact" : `${mergedKeys.length} contacts`;
  return (
    <>
      <Button variant="secondary" className="!px-2 !py-1 text-xs" onClick={() => setOpen(true)}>
        Undo merge
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Undo this merge?">
        <p className="text-sm">
          {count} ({mergedKeys.join(", ")}) will come back with their Contact IDs and everything of theirs that is still on{" "}
          <strong>{name}</strong>. Values of {name} changed since the merge are kept. Anything that cannot come back is listed afterwards.
        </p>
        <form onSubmit={onSubmit} className="mt-5 flex flex-wrap justify-end gap-2">
          <HiddenFields values={{ journalId }} />
          <Button variant="secondary" onClick={() => setOpen(false)} autoFocus>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Undoing…" : "Yes, undo merge"}
          </Button>
        </form>
        <ActionMessage state={state} className="mt-3" />
      </Dialog>
    </>
  );
}
