"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { ListParams } from "@/lib/contacts/list-params";
import { ExportDialog } from "./export-dialog";

/**
 * Export of the whole view (SPEC §3: the current segment, filter and search, in the list's order)
 * without ticking rows first; ticked rows export from the selection bar.
 */
export function ExportViewButton({ params, visible }: { params: ListParams; visible: string[] }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" className="whitespace-nowrap" onClick={() => setOpen(true)}>
        Export
      </Button>
      <ExportDialog open={open} onClose={() => setOpen(false)} params={params} selectedIds={[]} visible={visible} count="every contact in this view (its segment, filters and search)" />
    </>
  );
}
