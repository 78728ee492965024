"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import type { Filter } from "@/lib/filters/schema";
import { createSegmentAction } from "../../segment-actions";

interface SaveSegmentProps {
  filter: Filter;
  search: string;
  canShare: boolean;
  /** The button's and the dialog's title. */
  label?: string;
}

export function SaveSegment({ filter, search, canShare, label = "Save as segment" }: SaveSegmentProps) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, start] = useTransition();

  function save(form: FormData) {
    start(async () => {
      const result = await createSegmentAction({
        name: String(form.get("name") ?? ""),
        filter,
        search,
        shared: form.get("shared") === "on",
      });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setMessage(result.message);
        return;
      }
      setOpen(false);
      router.push(`/contacts?segment=${result.data!.id}`);
    });
  }

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog open={open} title={label} description="Saves the current filter and search under a name." onClose={() => setOpen(false)}>
        <form action={save} className="space-y-4">
          <Field label="Name" name="name" required errors={errors.name} autoFocus />
          {canShare && (
            <div className="flex items-center gap-2">
              <input id="segment-shared" name="shared" type="checkbox" className="size-4" />
              <label htmlFor="segment-shared" className="text-sm">
                Share with the team
              </label>
            </div>
          )}
          {message && !errors.name && (
            <p role="alert" className="text-sm text-red-600">
              {message}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={pending}>
              Save segment
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
