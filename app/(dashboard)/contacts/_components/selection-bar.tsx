"use client";

import { useMemo, useState } from "react";
import { describeTotal } from "@/components/data-table/pagination";
import { Button } from "@/components/ui/button";
import type { Option } from "@/lib/contacts/fields";
import type { ListParams } from "@/lib/contacts/list-params";
import { MAX_MERGE } from "@/lib/contacts/merge-plan";
import { BulkDialog, BULK_TITLES, LIVE_KINDS, TRASH_KINDS, type BulkKind } from "./bulk/bulk-dialog";
import { ExportDialog } from "./bulk/export-dialog";
import { MergeDrawer } from "./merge-drawer";
import { countOf, nounFor } from "@/lib/plural";

export interface ActionPermissions {
  merge: boolean;
  bulk: boolean;
  export: boolean;
  /** Restore and Delete forever, in the Trash segment. */
  trash: boolean;
}

interface SelectionBarProps {
  selectedIds: number[];
  allOnPageSelected: boolean;
  total: { count: number; exact: boolean };
  params: ListParams;
  visible: string[];
  can: ActionPermissions;
  attributeLabels: Record<string, string>;
  tags: Option[];
  users: Option[];
}

function mergeBlocker(count: number): string | null {
  if (count < 2) return "Select at least 2 contacts to merge.";
  if (count > MAX_MERGE) return `Select at most ${MAX_MERGE} contacts to merge (${count} selected).`;
  return null;
}

/**
 * What can be done with the selected rows — or, with none selected (or "all N matching"), with every
 * contact of the current segment, filter and search. Bulk dialogs always show the exact count first.
 */
export function SelectionBar(props: SelectionBarProps) {
  const { selectedIds, allOnPageSelected, total, params, can } = props;
  const [merging, setMerging] = useState(false);
  const [bulk, setBulk] = useState<BulkKind | null>(null);
  const [exporting, setExporting] = useState(false);
  const [allMatching, setAllMatching] = useState(false);
  // "All N matching" ends when the page's rows are no longer all selected (set during render, as
  // React advises for state that follows a prop, so no render shows the stale choice).
  if (!allOnPageSelected && allMatching) setAllMatching(false);

  const byIds = selectedIds.length > 0 && !allMatching;
  const idsKey = selectedIds.join(",");
  const filterKey = JSON.stringify(params.filter);
  // Stable across renders, so the dialog counts once per selection.
  const selection = useMemo(
    () => (byIds ? { ids: idsKey.split(",").map(Number) } : { all: { segment: params.segment, filter: JSON.parse(filterKey), search: params.search } }),
    [byIds, idsKey, params.segment, filterKey, params.search],
  );
  const target = byIds ? `${selectedIds.length} selected` : allMatching ? `All ${describeTotal(total)} matching` : `No rows selected: actions apply to all ${describeTotal(total)} in this view`;
  const blocker = mergeBlocker(selectedIds.length);
  // In Trash the only ways are back (Restore) or out (Delete forever); nothing else reaches a trashed contact.
  const inTrash = params.segment === "trash";
  const kinds = inTrash ? (can.trash ? TRASH_KINDS : []) : can.bulk ? LIVE_KINDS : [];

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-600" data-testid="selection-target">{target}</span>
      {allOnPageSelected && !allMatching && total.count > selectedIds.length && kinds.length > 0 && (
        <button type="button" className="text-indigo-700 underline" onClick={() => setAllMatching(true)}>
          Select all {describeTotal(total)} matching
        </button>
      )}
      {can.merge && !inTrash && (
        <>
          <Button variant="secondary" disabled={Boolean(blocker)} aria-describedby={blocker ? "merge-blocker" : undefined} onClick={() => setMerging(true)}>
            Merge
          </Button>
          {blocker && <span id="merge-blocker" className="text-xs text-slate-500">{blocker}</span>}
        </>
      )}
      {kinds.map((kind) => (
        <Button key={kind} variant={kind === "delete" || kind === "purge" ? "danger" : "secondary"} onClick={() => setBulk(kind)}>
          {kind === "delete" ? "Delete" : kind === "restore" ? "Restore" : BULK_TITLES[kind]}
        </Button>
      ))}
      {can.export && !inTrash && <Button variant="secondary" onClick={() => setExporting(true)}>Export CSV</Button>}
      {can.merge && <MergeDrawer contactIds={selectedIds} open={merging} onClose={() => setMerging(false)} attributeLabels={props.attributeLabels} />}
      <BulkDialog kind={bulk} selection={selection} tags={props.tags} users={props.users} onClose={() => setBulk(null)} />
      <ExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        params={params}
        selectedIds={byIds ? selectedIds : []}
        visible={props.visible}
        count={byIds ? countOf(selectedIds.length, "contact") : `${describeTotal(total)} ${nounFor(total.count, "contact")}`}
      />
    </div>
  );
}
