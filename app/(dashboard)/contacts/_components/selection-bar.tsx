"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { MAX_MERGE } from "@/lib/contacts/merge-plan";
import { MergeDrawer } from "./merge-drawer";

interface SelectionBarProps {
  selectedIds: number[];
  canMerge: boolean;
  attributeLabels: Record<string, string>;
}

function mergeBlocker(count: number): string | null {
  if (count < 2) return "Select at least 2 contacts to merge.";
  if (count > MAX_MERGE) return `Select at most ${MAX_MERGE} contacts to merge (${count} selected).`;
  return null;
}

/** What can be done with the selected rows. */
export function SelectionBar({ selectedIds, canMerge, attributeLabels }: SelectionBarProps) {
  const [merging, setMerging] = useState(false);
  if (!canMerge) {
    return selectedIds.length ? <p className="text-sm text-slate-600">{selectedIds.length} selected</p> : null;
  }
  const blocker = mergeBlocker(selectedIds.length);
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      <span className="text-slate-600">{selectedIds.length ? `${selectedIds.length} selected` : "Select rows to act on them"}</span>
      <Button variant="secondary" disabled={Boolean(blocker)} aria-describedby={blocker ? "merge-blocker" : undefined} onClick={() => setMerging(true)}>
        Merge
      </Button>
      {blocker && (
        <span id="merge-blocker" className="text-xs text-slate-500">
          {blocker}
        </span>
      )}
      <MergeDrawer contactIds={selectedIds} open={merging} onClose={() => setMerging(false)} attributeLabels={attributeLabels} />
    </div>
  );
}
