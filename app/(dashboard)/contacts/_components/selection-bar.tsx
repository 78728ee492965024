"use client";

import { useMemo, useState } from "react";
import { describeTotal } from "@/components/data-table/pagination";
import { Button, buttonClass } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
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
  canCreateTags: boolean;
  users: Option[];
  onClear: () => void;
}

function mergeBlocker(count: number): string | null {
  if (count < 2) return "Select at least 2 contacts to merge.";
  if (count > MAX_MERGE) return `Select at most ${MAX_MERGE} contacts to merge (${count} selected).`;
  return null;
}

/** The frequent actions are buttons; the rarer ones, and the destructive ones, wait in "More actions". */
const FREQUENT: ReadonlySet<BulkKind> = new Set(["add_tags", "assign", "restore"]);
const DESTRUCTIVE: ReadonlySet<BulkKind> = new Set(["delete", "purge"]);

/** The bar's buttons are a size smaller than the page's: it sits between the toolbar and the rows. */
const small = "px-2.5 py-1";

function labelOf(kind: BulkKind): string {
  return kind === "delete" ? "Delete" : kind === "restore" ? "Restore" : BULK_TITLES[kind];
}

/**
 * What can be done with the selected rows, or with all N matching the segment, filter and search once
 * "Select all N matching" is chosen. Shown only while something is selected (issue 21: no bulk
 * buttons, and no red Delete, over a list nobody chose). Bulk dialogs always show the exact count first.
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

  const idsKey = selectedIds.join(",");
  const filterKey = JSON.stringify(params.filter);
  // Stable across renders, so the dialog counts once per selection.
  const selection = useMemo(
    () => (!allMatching ? { ids: idsKey ? idsKey.split(",").map(Number) : [] } : { all: { segment: params.segment, filter: JSON.parse(filterKey), search: params.search } }),
    [allMatching, idsKey, params.segment, filterKey, params.search],
  );
  // The dialogs stay mounted while open, even if the selection empties under them (a finished job refreshes the rows).
  const open = merging || bulk !== null || exporting;
  if (selectedIds.length === 0 && !open) return null;

  const target = allMatching ? `All ${describeTotal(total)} matching selected` : `${countOf(selectedIds.length, "contact")} selected`;
  const blocker = mergeBlocker(selectedIds.length);
  // In Trash the only ways are back (Restore) or out (Delete forever); nothing else reaches a trashed contact.
  const inTrash = params.segment === "trash";
  const kinds = inTrash ? (can.trash ? TRASH_KINDS : []) : can.bulk ? LIVE_KINDS : [];
  const frequent = kinds.filter((k) => FREQUENT.has(k));
  const rare = kinds.filter((k) => !FREQUENT.has(k) && !DESTRUCTIVE.has(k));
  const destructive = kinds.filter((k) => DESTRUCTIVE.has(k));

  return (
    <div role="region" aria-label="Selection" className="flex flex-wrap items-center gap-x-2 gap-y-1.5 rounded-lg bg-indigo-50 px-2 py-1.5 text-sm ring-1 ring-indigo-200">
      <Button variant="ghost" className={`${small} shadow-none`} aria-label="Clear selection" title="Clear selection" onClick={props.onClear}>
        <span aria-hidden>✕</span>
      </Button>
      <span className="font-medium text-indigo-900" data-testid="selection-target">{target}</span>
      {allOnPageSelected && !allMatching && total.count > selectedIds.length && kinds.length > 0 && (
        <button type="button" className="text-indigo-700 underline" onClick={() => setAllMatching(true)}>
          Select all {describeTotal(total)} matching
        </button>
      )}
      <span className="flex flex-wrap items-center gap-1.5 sm:ml-auto">
        {frequent.map((kind) => (
          <Button key={kind} variant="secondary" className={small} onClick={() => setBulk(kind)}>
            {labelOf(kind)}
          </Button>
        ))}
        {can.export && !inTrash && <Button variant="secondary" className={small} onClick={() => setExporting(true)}>Export CSV</Button>}
        {can.merge && !inTrash && !allMatching && (
          <>
            <Button variant="secondary" className={small} disabled={Boolean(blocker)} title={blocker ?? undefined} aria-describedby={blocker ? "merge-blocker" : undefined} onClick={() => setMerging(true)}>
              Merge
            </Button>
            {blocker && <span id="merge-blocker" className="sr-only">{blocker}</span>}
          </>
        )}
        {rare.length + destructive.length > 0 && (
          <DropdownMenu>
            <DropdownMenuTrigger className={buttonClass("secondary", small)}>More actions</DropdownMenuTrigger>
            <DropdownMenuContent>
              {rare.map((kind) => (
                <DropdownMenuItem key={kind} onSelect={() => setBulk(kind)}>{labelOf(kind)}…</DropdownMenuItem>
              ))}
              {rare.length > 0 && destructive.length > 0 && <DropdownMenuSeparator />}
              {destructive.map((kind) => (
                <DropdownMenuItem key={kind} className="text-red-700 data-highlighted:bg-red-50 data-highlighted:text-red-800" onSelect={() => setBulk(kind)}>
                  {labelOf(kind)}…
                </DropdownMenuItem>
              ))}
            </DropdownMenuContent>
          </DropdownMenu>
        )}
      </span>
      {can.merge && <MergeDrawer contactIds={selectedIds} open={merging} onClose={() => setMerging(false)} attributeLabels={props.attributeLabels} />}
      <BulkDialog kind={bulk} selection={selection} tags={props.tags} canCreateTags={props.canCreateTags} users={props.users} onClose={() => setBulk(null)} />
      <ExportDialog
        open={exporting}
        onClose={() => setExporting(false)}
        params={params}
        selectedIds={allMatching ? [] : selectedIds}
        visible={props.visible}
        count={allMatching ? `${describeTotal(total)} ${nounFor(total.count, "contact")}` : countOf(selectedIds.length, "contact")}
      />
    </div>
  );
}
