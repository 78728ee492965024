"use server";

import { serverAction } from "@/lib/safe-action";
import { segmentActions } from "@/lib/segments/actions";

// Saved segments, from the filter bar and the segments page: doors over lib/segments/actions.ts.

export const createSegmentAction = serverAction(segmentActions.create, { revalidate: "/contacts" });
export const renameSegmentAction = serverAction(segmentActions.rename, { revalidate: "/contacts" });
export const updateSegmentAction = serverAction(segmentActions.update, { revalidate: "/contacts" });
export const deleteSegmentAction = serverAction(segmentActions.delete, { revalidate: "/contacts" });
