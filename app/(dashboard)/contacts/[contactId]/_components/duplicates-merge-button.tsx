"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { MergeDrawer } from "../../_components/merge-drawer";

interface DuplicatesMergeButtonProps {
  contactIds: number[];
  attributeLabels: Record<string, string>;
}

export function DuplicatesMergeButton({ contactIds, attributeLabels }: DuplicatesMergeButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Merge
      </Button>
      <MergeDrawer contactIds={contactIds} open={open} onClose={() => setOpen(false)} attributeLabels={attributeLabels} />
    </>
  );
}
