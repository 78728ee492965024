"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Drawer } from "@/components/ui/drawer";
import type { MergePreview } from "@/lib/contacts/merge";
import { mergeContacts, previewMerge } from "../merge-actions";
import { MergeCard } from "./merge-card";
import { MergePreviewPanel } from "./merge-preview";
import { countOf } from "@/lib/plural";

interface MergeDrawerProps {
  contactIds: number[];
  open: boolean;
  onClose: () => void;
  /** Custom attribute labels by key, to name them in the preview. */
  attributeLabels: Record<string, string>;
}

export function MergeDrawer({ contactIds, open, onClose, attributeLabels }: MergeDrawerProps) {
  const router = useRouter();
  const [primaryId, setPrimaryId] = useState<number | undefined>(undefined);
  const [overrides, setOverrides] = useState<Record<string, number>>({});
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [loading, startLoading] = useTransition();
  const [merging, startMerging] = useTransition();
  const key = contactIds.join(",");
  const latest = useRef(0);

  // Each opening (or new set of contacts) starts from a blank choice: reset during render, as React
  // advises for state that follows props, so the preview below never asks with the last choice.
  const [openedFor, setOpenedFor] = useState<string | null>(null);
  const opening = open ? key : null;
  if (opening !== openedFor) {
    setOpenedFor(opening);
    if (opening !== null) {
      setPrimaryId(undefined);
      setOverrides({});
      setPreview(null);
      setError(null);
    }
  }

  useEffect(() => {
    if (!open) return;
    const request = ++latest.current;
    startLoading(async () => {
      const result = await previewMerge({ contactIds: key.split(",").map(Number), primaryId, overrides });
      // A slower, older preview must not overwrite a newer one, nor the primary the user chose since.
      if (request !== latest.current) return;
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setError(null);
      setPreview(result.data!);
      setPrimaryId((chosen) => chosen ?? result.data!.plan.primaryId);
    });
  }, [open, key, primaryId, overrides]);

  function choosePrimary(id: number) {
    setOverrides({});
    setPrimaryId(id);
  }

  function confirmMerge() {
    if (!preview) return;
    startMerging(async () => {
      const result = await mergeContacts({ primaryId: primaryId ?? preview.plan.primaryId, contactIds, overrides });
      setConfirming(false);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      onClose();
      router.push(`/contacts/${result.data!.contactId}?merged=${contactIds.length}`);
    });
  }

  return (
    <>
      <Drawer
        open={open}
        title="Merge contacts"
        onClose={onClose}
        footer={
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-500">For 30 days the merge can be undone from the activity of the contact that remains; the audit log keeps every record as it was.</p>
            <div className="flex gap-2">
              <Button variant="secondary" onClick={onClose}>
                Cancel
              </Button>
              <Button disabled={!preview || loading || Boolean(error)} onClick={() => setConfirming(true)}>
                Merge
              </Button>
            </div>
          </div>
        }
      >
        {error && (
          <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        )}
        {!preview && !error && <p role="status">Loading the contacts…</p>}
        {preview && (
          <div aria-busy={loading} className="space-y-6">
            <section>
              <h3 className="text-sm font-semibold text-slate-700">Choose the primary contact</h3>
              <p className="text-sm text-slate-500">Its values win; empty fields are filled from the others, most recently updated first.</p>
              <div className="mt-3 grid gap-3 sm:grid-cols-2">
                {preview.contacts.map((s) => (
                  <MergeCard key={s.contact.id} snapshot={s} primary={s.contact.id === (primaryId ?? preview.plan.primaryId)} onChoose={() => choosePrimary(s.contact.id)} />
                ))}
              </div>
            </section>
            <MergePreviewPanel
              preview={preview}
              attributeLabels={attributeLabels}
              onChoose={(field, contactId) => setOverrides((o) => ({ ...o, [field]: contactId }))}
            />
          </div>
        )}
      </Drawer>
      <Dialog open={confirming} title="Merge duplicates" onClose={() => setConfirming(false)}>
        <p className="text-sm text-slate-600">
          {countOf(contactIds.length, "contact")} become one. Every phone, email, tag, note and activity moves to the primary contact; the
          others are deleted.
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button onClick={confirmMerge} disabled={merging}>
            {merging ? "Merging…" : "Yes, merge"}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
