"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { deleteSegmentAction, renameSegmentAction } from "../contacts/segment-actions";

export function SegmentRowActions({ id, name }: { id: number; name: string }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<"rename" | "delete" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  function run(action: () => Promise<{ ok: boolean; message?: string }>) {
    start(async () => {
      const result = await action();
      if (!result.ok) {
        setError(result.message ?? "That did not work.");
        return;
      }
      setDialog(null);
      setError(null);
      router.refresh();
    });
  }

  return (
    <div className="flex gap-2">
      <Button variant="ghost" onClick={() => setDialog("rename")} aria-label={`Rename ${name}`}>
        Rename
      </Button>
      <Button variant="ghost" onClick={() => setDialog("delete")} aria-label={`Delete ${name}`}>
        Delete
      </Button>
      <Dialog open={dialog === "rename"} title="Rename segment" onClose={() => setDialog(null)}>
        <form action={(form) => run(() => renameSegmentAction({ id, name: String(form.get("name") ?? "") }))} className="space-y-4">
          <Field label="Name" name="name" defaultValue={name} required errors={error ? [error] : undefined} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setDialog(null)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              Save
            </Button>
          </div>
        </form>
      </Dialog>
      <Dialog open={dialog === "delete"} title="Delete segment" onClose={() => setDialog(null)}>
        <p className="text-sm text-slate-600">The segment “{name}” is removed. Its contacts stay as they are.</p>
        {error && (
          <p role="alert" className="mt-2 text-sm text-red-600">
            {error}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setDialog(null)}>
            Cancel
          </Button>
          <Button variant="danger" disabled={pending} onClick={() => run(() => deleteSegmentAction({ id }))}>
            Delete segment
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
