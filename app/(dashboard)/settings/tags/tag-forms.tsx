"use client";

import { useState } from "react";
import { ActionMessage } from "@/components/forms/action-message";
import { HiddenFields } from "@/components/forms/hidden-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import type { TagWithUsage } from "@/lib/tags/tags";
import { createTagAction, deleteTagAction, updateTagAction } from "../actions";
import { countOf } from "@/lib/plural";

export function CreateTagForm() {
  const { state, pending, formRef, onSubmit, errorsFor } = useActionForm(createTagAction, { resetOnSuccess: true });
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-3 flex flex-wrap items-end gap-3">
      <Field label="Tag name" name="name" id="new-tag-name" autoComplete="off" errors={errorsFor("name")} className="min-w-0 flex-1 basis-48" />
      <Field label="Colour" name="color" id="new-tag-color" type="color" defaultValue="#2563eb" errors={errorsFor("color")} className="w-24 [&_input]:h-9 [&_input]:p-1" />
      <Button type="submit" disabled={pending} className="mb-px">
        Create tag
      </Button>
      <ActionMessage state={state} fieldsShown={["name", "color"]} className="basis-full" />
    </form>
  );
}

export function TagRow({ tag }: { tag: TagWithUsage }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const update = useActionForm(updateTagAction, { onSuccess: () => setEditing(false) });
  const remove = useActionForm(deleteTagAction);
  const usage = countOf(tag.contactCount, "contact");
  return (
    <li className="py-3">
      {editing ? (
        <form onSubmit={update.onSubmit} noValidate className="flex flex-wrap items-end gap-3">
          <HiddenFields values={{ id: tag.id }} />
          <Field label="Tag name" name="name" id={`tag-${tag.id}-name`} defaultValue={tag.name} autoFocus errors={update.errorsFor("name")} className="min-w-0 flex-1 basis-48" />
          <Field label="Colour" name="color" id={`tag-${tag.id}-color`} type="color" defaultValue={tag.color} errors={update.errorsFor("color")} className="w-24 [&_input]:h-9 [&_input]:p-1" />
          <Button type="submit" disabled={update.pending} className="mb-px">
            Save<span className="sr-only"> tag {tag.name}</span>
          </Button>
          <Button variant="ghost" onClick={() => setEditing(false)} className="mb-px">
            Cancel
          </Button>
          <ActionMessage state={update.state} fieldsShown={["name", "color"]} className="basis-full" />
        </form>
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <span className="flex items-center gap-2">
            <span aria-hidden className="h-3 w-3 rounded-full ring-1 ring-black/10" style={{ backgroundColor: tag.color }} />
            <span className="font-medium">{tag.name}</span>
            <span className="text-xs text-slate-500">{usage}</span>
          </span>
          <span className="flex gap-2">
            <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setEditing(true)}>
              Edit<span className="sr-only"> tag {tag.name}</span>
            </Button>
            <Button variant="ghost" className="px-2 py-1 text-xs text-red-700" onClick={() => setConfirming(true)}>
              Delete<span className="sr-only"> tag {tag.name}</span>
            </Button>
          </span>
          {update.state?.ok && (
            <p role="status" className="basis-full text-xs text-green-700">
              {update.state.message}
            </p>
          )}
        </div>
      )}
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Delete the tag “${tag.name}”?`}>
        <p>{tag.contactCount ? `It is removed from the ${usage} that have it.` : "No contact has it."} This cannot be undone.</p>
        <form onSubmit={remove.onSubmit} className="mt-5 flex justify-end gap-2">
          <HiddenFields values={{ id: tag.id }} />
          <Button variant="secondary" onClick={() => setConfirming(false)} autoFocus>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={remove.pending}>
            Delete tag
          </Button>
        </form>
        <ActionMessage state={remove.state} className="mt-3" />
      </Dialog>
    </li>
  );
}
