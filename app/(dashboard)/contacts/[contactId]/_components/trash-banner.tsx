"use client";

import { useState } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { HiddenFields } from "@/components/forms/hidden-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { LocalTime } from "@/components/ui/local-time";
import { deleteForeverAction, restoreContactAction } from "../actions";

interface TrashBannerProps {
  contactId: number;
  name: string;
  trashedAt: Date;
  trashedByName: string | null;
  /** When the daily purge will take it. */
  purgeAt: Date;
}

/** A trashed contact's profile, as an admin sees it: when and by whom, and the way back or out. */
export function TrashBanner({ contactId, name, trashedAt, trashedByName, purgeAt }: TrashBannerProps) {
  const restore = useActionForm(restoreContactAction);
  const [confirming, setConfirming] = useState(false);
  const purge = useActionForm(deleteForeverAction);
  return (
    <section aria-labelledby="trash-banner-title" className="rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-200">
      <h2 id="trash-banner-title" className="font-semibold">
        In Trash
      </h2>
      <p className="mt-1">
        Deleted <LocalTime value={trashedAt} />
        {trashedByName ? ` by ${trashedByName}` : ""}. It will be deleted for good on <LocalTime value={purgeAt} />. Its phone numbers and
        emails stay reserved until then.
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        <form onSubmit={restore.onSubmit}>
          <HiddenFields values={{ contactId }} />
          <Button type="submit" disabled={restore.pending}>
            {restore.pending ? "Restoring…" : "Restore"}
          </Button>
        </form>
        <Button variant="secondary" onClick={() => setConfirming(true)} className="!text-red-700 hover:!bg-red-50">
          Delete forever
        </Button>
      </div>
      <ActionMessage state={restore.state} className="mt-2" />
      <Dialog open={confirming} onClose={() => setConfirming(false)} title="Delete this contact forever?">
        <p>
          <strong>{name}</strong> will be deleted with all phone numbers, emails, tags, notes and activity. This cannot be undone; the audit
          log keeps a copy.
        </p>
        <form onSubmit={purge.onSubmit} className="mt-5 flex flex-wrap justify-end gap-2">
          <HiddenFields values={{ contactId }} />
          <Button variant="secondary" onClick={() => setConfirming(false)} autoFocus>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={purge.pending}>
            {purge.pending ? "Deleting…" : "Delete forever"}
          </Button>
        </form>
        <ActionMessage state={purge.state} className="mt-3" />
      </Dialog>
    </section>
  );
}
