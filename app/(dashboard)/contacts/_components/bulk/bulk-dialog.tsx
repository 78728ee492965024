"use client";

import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { Option } from "@/lib/contacts/fields";
import { SUBSCRIPTION_LABELS } from "@/lib/contacts/fields";
import type { BulkJobView } from "@/lib/bulk/view";
import type { Selection } from "@/lib/bulk/selection";
import { TagPicker } from "@/components/tags/tag-picker";
import { countBulkSelection, startBulk } from "../../bulk-actions";
import { createTagAction } from "../../actions";
import { BulkProgress } from "./bulk-progress";
import { countOf } from "@/lib/plural";

export type BulkKind = "add_tags" | "remove_tags" | "assign" | "subscription" | "block" | "delete" | "restore" | "purge";

/** The actions of the list's bar, outside Trash. */
export const LIVE_KINDS: BulkKind[] = ["add_tags", "remove_tags", "assign", "subscription", "block", "delete"];
/** The actions of the bar in the Trash segment (admins). */
export const TRASH_KINDS: BulkKind[] = ["restore", "purge"];

export const BULK_TITLES: Record<BulkKind, string> = {
  add_tags: "Add tags",
  remove_tags: "Remove tags",
  assign: "Assign to",
  subscription: "Subscription",
  block: "Block",
  delete: "Delete contacts",
  restore: "Restore contacts",
  purge: "Delete forever",
};

/** Destructive actions: a red button, and the count typed to confirm. */
const TYPED: ReadonlySet<BulkKind> = new Set(["delete", "purge"]);

interface BulkDialogProps {
  kind: BulkKind | null;
  selection: Selection;
  tags: Option[];
  canCreateTags: boolean;
  users: Option[];
  onClose: () => void;
}

/** The confirm button says what happens to how many ("Assign 3 contacts", not "Assign to for 3 contacts"). */
const CONFIRM_LABELS: Record<BulkKind, (n: string) => string> = {
  add_tags: (n) => `Add tags to ${n}`,
  remove_tags: (n) => `Remove tags from ${n}`,
  assign: (n) => `Assign ${n}`,
  subscription: (n) => `Set the subscription of ${n}`,
  block: (n) => `Block ${n}`,
  delete: (n) => `Move ${n} to Trash`,
  restore: (n) => `Restore ${n}`,
  purge: (n) => `Delete ${n} forever`,
};
const select = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export function BulkDialog({ kind, selection, tags, canCreateTags, users, onClose }: BulkDialogProps) {
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [job, setJob] = useState<BulkJobView | null>(null);
  const [tagIds, setTagIds] = useState<number[]>([]);
  const [agent, setAgent] = useState("");
  const [status, setStatus] = useState("subscribed");
  const [typed, setTyped] = useState("");
  const [pending, start] = useTransition();

  // Each opening starts blank: reset during render when the kind changes (React's pattern for state
  // that follows a prop), so no frame shows the last dialog's count or job.
  const [openedAs, setOpenedAs] = useState<BulkKind | null>(null);
  if (kind !== openedAs) {
    setOpenedAs(kind);
    setCount(null);
    setError(null);
    setJob(null);
    setTagIds([]);
    setTyped("");
  }

  useEffect(() => {
    if (!kind) return;
    start(async () => {
      const result = await countBulkSelection({ selection, trash: TRASH_KINDS.includes(kind) });
      if (result.ok) setCount(result.data!.count);
      else setError(result.message);
    });
  }, [kind, selection]);

  if (!kind) return null;
  const title = BULK_TITLES[kind];
  const n = count === null ? "… contacts" : countOf(count, "contact");

  function change() {
    switch (kind) {
      case "add_tags":
      case "remove_tags":
        return { action: kind, tagIds };
      case "assign":
        return { action: kind, agentId: agent ? Number(agent) : null };
      case "subscription":
        return { action: kind, status: status as "subscribed" };
      case "block":
        return { action: kind, blocked: true };
      case "restore":
        return { action: kind };
      case "purge":
        return { action: kind, confirmCount: Number(typed) };
      default:
        return { action: "delete" as const, confirmCount: Number(typed) };
    }
  }

  function confirm() {
    start(async () => {
      const result = await startBulk({ selection, change: change() });
      if (!result.ok) setError(result.message);
      else setJob(result.data!);
    });
  }

  const ready =
    count !== null && count > 0 && !pending &&
    (TYPED.has(kind) ? typed.trim() === String(count) : kind.endsWith("_tags") ? tagIds.length > 0 : true);

  return (
    <Dialog open title={title} onClose={onClose}>
      {job ? (
        <BulkProgress job={job} label={`${title} progress`} onDone={onClose} />
      ) : (
        <div className="space-y-4">
          <p className="text-sm text-slate-700" data-testid="bulk-count">
            {count === 0 ? "No contacts match: nothing to do." : `This applies to ${n}.`}
          </p>
          {(kind === "add_tags" || kind === "remove_tags") && (
            <TagPicker label="Tags" tags={tags} value={tagIds} onChange={setTagIds} createTag={kind === "add_tags" && canCreateTags ? createTagAction : undefined} />
          )}
          {kind === "assign" && (
            <div>
              <label htmlFor="bulk-agent" className="text-sm font-medium">Favorite agent</label>
              <select id="bulk-agent" className={select} value={agent} onChange={(e) => setAgent(e.target.value)}>
                <option value="">Nobody (unassign)</option>
                {users.map((u) => <option key={u.value} value={u.value}>{u.label}</option>)}
              </select>
            </div>
          )}
          {kind === "subscription" && (
            <div>
              <label htmlFor="bulk-subscription" className="text-sm font-medium">Subscription status</label>
              <select id="bulk-subscription" className={select} value={status} onChange={(e) => setStatus(e.target.value)}>
                {Object.entries(SUBSCRIPTION_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
              </select>
            </div>
          )}
          {kind === "delete" && <p className="text-sm text-slate-700">They move to Trash, where an admin can restore them until the daily purge.</p>}
          {TYPED.has(kind) && count !== null && count > 0 && (
            <div>
              <label htmlFor="bulk-confirm" className="text-sm font-medium">
                {kind === "purge" ? `Type ${count} to delete ${n} for good` : `Type ${count} to move ${n} to Trash`}
              </label>
              <input id="bulk-confirm" inputMode="numeric" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)}
                className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm" />
            </div>
          )}
          {error && <p role="alert" className="text-sm text-red-600">{error}</p>}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>Cancel</Button>
            <Button variant={TYPED.has(kind) ? "danger" : "primary"} disabled={!ready} onClick={confirm}>
              {CONFIRM_LABELS[kind](n)}
            </Button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
