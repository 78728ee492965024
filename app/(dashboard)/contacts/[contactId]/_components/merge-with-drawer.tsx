"use client";

import { useSearchParams } from "next/navigation";
import { MergeDrawer } from "../../_components/merge-drawer";

interface MergeWithDrawerProps {
  /** This profile's contact, then the one that holds the identifier it was refused. */
  contactIds: [number, number];
  /** The profile's own address, without `mergeWith`, to go back to when the drawer is closed. */
  profileHref: string;
  attributeLabels: Record<string, string>;
}

/**
 * The merge drawer a conflict's "Merge with …" opens (`?mergeWith=<id>` on the profile), open while
 * the address names the other contact; closing it drops the parameter from the address without reloading the profile.
 */
export function MergeWithDrawer({ contactIds, profileHref, attributeLabels }: MergeWithDrawerProps) {
  // Open while the address asks for it: closing drops the parameter, and the link opens it again.
  const open = useSearchParams().get("mergeWith") === String(contactIds[1]);
  function close() {
    window.history.replaceState(null, "", profileHref);
  }
  return <MergeDrawer contactIds={contactIds} open={open} onClose={close} attributeLabels={attributeLabels} />;
}
