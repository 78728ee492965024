import { z } from "zod";
import type { UndoableMerge, UndoMergeResult } from "@/lib/contacts/merge-undo";

/** What GET /api/v1/contacts/{contact_id}/merges and POST …/merges/{merge_id}/undo answer (lib/contacts/merge-undo.ts). */

const timestamp = z.iso.datetime({ offset: true });

export const undoableMergeSchema = z
  .object({
    id: z.number().int().meta({ description: "The merge's id, for POST /contacts/{contact_id}/merges/{merge_id}/undo." }),
    merged_at: timestamp,
    undo_until: timestamp.meta({ description: "The merge can be undone until then (30 days after it)." }),
    merged_contact_ids: z.array(z.string()).meta({ description: "The Contact IDs merged into this contact, which an undo brings back." }),
  })
  .meta({ id: "UndoableMerge" });

export const undoableMergeListSchema = z.object({ data: z.array(undoableMergeSchema) });

export const mergeUndoneSchema = z
  .object({
    contact_id: z.string().meta({ description: "The contact the merge went into; it stays." }),
    restored_contact_ids: z.array(z.string()).meta({ description: "The contacts back under their own Contact IDs (which stop answering 308)." }),
    not_restored: z.array(z.string()).meta({ description: "What could not be put back, one sentence each (e.g. a phone another contact holds now)." }),
  })
  .meta({ id: "MergeUndone" });

export function presentUndoableMerge(m: UndoableMerge): z.output<typeof undoableMergeSchema> {
  return { id: m.journalId, merged_at: m.mergedAt.toISOString(), undo_until: m.undoUntil.toISOString(), merged_contact_ids: m.mergedKeys };
}

export function presentMergeUndone(contactKey: string, r: UndoMergeResult): z.output<typeof mergeUndoneSchema> {
  return { contact_id: contactKey, restored_contact_ids: r.restored.map((c) => c.contactKey), not_restored: r.notRestored };
}
