"use client";

import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { sortToParam, type ListParams } from "@/lib/contacts/list-params";
import { filterToParam } from "@/lib/filters/schema";

interface ExportDialogProps {
  open: boolean;
  onClose: () => void;
  params: ListParams;
  selectedIds: number[];
  visible: string[];
  count: string;
}

/** The export is a plain download of GET /api/contacts/export, streamed by the server. */
export function ExportDialog({ open, onClose, params, selectedIds, visible, count }: ExportDialogProps) {
  const [all, setAll] = useState(false);
  const [bom, setBom] = useState(false);
  const q = new URLSearchParams();
  if (selectedIds.length) q.set("ids", selectedIds.join(","));
  else {
    if (params.segment !== "all") q.set("segment", params.segment);
    const f = filterToParam(params.filter);
    if (f) q.set("f", f);
    if (params.search) q.set("q", params.search);
  }
  // Rows come out in the list's order, ticked ones too.
  if (params.sort) q.set("sort", sortToParam(params.sort));
  if (all) q.set("all", "1");
  else q.set("cols", visible.join(","));
  if (bom) q.set("bom", "1");
  return (
    <Dialog open={open} title="Export CSV" onClose={onClose}>
      <div className="space-y-3 text-sm">
        <p>Exports {count}. Phones are in E.164; several values are joined with “; ”.</p>
        <fieldset className="space-y-1">
          <legend className="font-medium">Columns</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="export-columns" checked={!all} onChange={() => setAll(false)} /> Visible columns
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="export-columns" checked={all} onChange={() => setAll(true)} /> All fields
          </label>
        </fieldset>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} /> For Excel (UTF-8 with BOM)
        </label>
        <div className="flex justify-end gap-2 pt-2">
          <button type="button" className={buttonClass("secondary")} onClick={onClose}>
            Cancel
          </button>
          <a href={`/api/contacts/export?${q.toString()}`} download className={buttonClass("primary")} onClick={() => setTimeout(onClose, 300)}>
            Download CSV
          </a>
        </div>
      </div>
    </Dialog>
  );
}
