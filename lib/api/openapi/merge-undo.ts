import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { mergeUndoneSchema, undoableMergeListSchema } from "@/lib/api/merge-undo";
import { contactIdParam, mergeIdParam } from "@/lib/api/params";
import { json, mergedAway, tokenOperation } from "./common";

/** Merge undo (app/api/v1/contacts/[contactId]/merges/…): for 30 days a merge into a contact can be undone. */

const contactPath = z.object({ contact_id: contactIdParam });
const tags = ["Contacts"];

export const mergeUndoPaths: ZodOpenApiPathsObject = {
  "/contacts/{contact_id}/merges": {
    get: tokenOperation({
      operationId: "listUndoableMerges",
      tags,
      summary: "List the merges into a contact that can be undone",
      description: "The merges into this contact of the last 30 days that have not been undone, newest first.",
      scope: "read",
      requestParams: { path: contactPath },
      responses: { 200: json("The merges.", undoableMergeListSchema), 308: mergedAway },
      errors: [404],
    }),
  },
  "/contacts/{contact_id}/merges/{merge_id}/undo": {
    post: tokenOperation({
      operationId: "undoMerge",
      tags,
      summary: "Undo a merge",
      description:
        "Undoes a merge into this contact, within 30 days, in one transaction: the merged contacts come back under their own Contact IDs (which stop answering 308) with everything of theirs still on this contact; this contact gets back the values the merge changed and nobody changed since. What cannot come back (a phone another contact holds now…) is listed in `not_restored`; the rest proceeds. Webhooks: one `contact.created` per contact back (with `unmerged_from`, this contact's Contact ID) and a `contact.updated` for this contact. A merge undone already, older than 30 days, or whose contact was merged into another since answers 409.",
      scope: "write",
      idempotent: true,
      requestParams: { path: contactPath.extend({ merge_id: mergeIdParam }) },
      responses: { 200: json("The merge was undone.", mergeUndoneSchema), 308: mergedAway },
      errors: [404, 409],
    }),
  },
};
