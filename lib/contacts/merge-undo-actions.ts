import { defineAction } from "@/lib/safe-action";
import { undoMerge, undoMergeInputSchema } from "./merge-undo";

export interface UndoMergeActionData {
  contactId: number;
  activityId: number;
}

/** Undo merge, from the primary's timeline or the merge notice (supervisors and admins, like merging). */
export const undoMergeAction = defineAction({
  permission: "contacts.merge",
  schema: undoMergeInputSchema,
  run: async (input, { actor }) => {
    const { contactId, activityId, restored, notRestored } = await undoMerge(input.journalId, actor);
    const data: UndoMergeActionData = { contactId, activityId };
    const count = restored.length === 1 ? "1 contact" : `${restored.length} contacts`;
    const missing = notRestored.length ? ` Not restored: ${notRestored.join(" ")}` : "";
    return { ok: true, data, message: `Merge undone: ${count} restored.${missing}` };
  },
});
