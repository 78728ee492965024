"use client";

import { useState } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { HiddenFields } from "@/components/forms/hidden-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { deleteContactAction, setArchivedAction, setBlockedAction } from "../actions";

interface StateActionsProps {
  contactId: number;
  version: number;
  name: string;
  blocked: boolean;
  archived: boolean;
  canDelete: boolean;
  /** How many days a deleted contact waits in Trash (SWITCHBOARD_TRASH_DAYS). */
  trashDays: number;
}

/** Block / unblock, archive / unarchive and (supervisors and admins) delete, with their outcome. */
export function StateActions({ contactId, version, name, blocked, archived, canDelete, trashDays }: StateActionsProps) {
  const block = useActionForm(setBlockedAction);
  const archive = useActionForm(setArchivedAction);
  const [last, setLast] = useState<"block" | "archive">("block");
  const latest = last === "block" ? block.state : archive.state;
  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      <div className="flex flex-wrap gap-2">
        <form
          onSubmit={(e) => {
            setLast("block");
            block.onSubmit(e);
          }}
        >
          <HiddenFields values={{ contactId, version, blocked: !blocked }} />
          <Button type="submit" variant="secondary" disabled={block.pending}>
            {blocked ? "Unblock contact" : "Block contact"}
          </Button>
        </form>
        <form
          onSubmit={(e) => {
            setLast("archive");
            archive.onSubmit(e);
          }}
        >
          <HiddenFields values={{ contactId, version, archived: !archived }} />
          <Button type="submit" variant="secondary" disabled={archive.pending}>
            {archived ? "Unarchive" : "Archive"}
          </Button>
        </form>
        {canDelete && <DeleteContact contactId={contactId} name={name} trashDays={trashDays} />}
      </div>
      <ActionMessage state={latest} currentContactId={contactId} />
    </div>
  );
}

function DeleteContact({ contactId, name, trashDays }: { contactId: number; name: string; trashDays: number }) {
  const [open, setOpen] = useState(false);
  const { state, pending, onSubmit } = useActionForm(deleteContactAction);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} className="!text-red-700 hover:!bg-red-50">
        Delete contact
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Delete this contact?">
        <p>
          <strong>{name}</strong> moves to Trash with all phone numbers, emails, tags, notes and activity. An admin can restore it for{" "}
          {trashDays} days; then it is deleted for good. Its phone numbers and emails stay reserved meanwhile.
        </p>
        <form onSubmit={onSubmit} className="mt-5 flex flex-wrap justify-end gap-2">
          <HiddenFields values={{ contactId }} />
          <Button variant="secondary" onClick={() => setOpen(false)} autoFocus>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Deleting…" : "Move to Trash"}
          </Button>
        </form>
        <ActionMessage state={state} className="mt-3" />
      </Dialog>
    </>
  );
}
