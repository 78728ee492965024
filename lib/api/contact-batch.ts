import type { z } from "zod";
import { resolveContactKeys } from "@/lib/contacts/merge";
import { loadRecordContext } from "@/lib/contacts/record";
import { ValidationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";
import { errorResponse } from "@/lib/http-errors";
import { batchItemBody } from "./contact-body";
import { createFromBody, updateFromBody, type ContactWriter } from "./contact-writes";
import { etagOf, presentContact, type batchResultSchema } from "./present";

export type BatchResult = z.output<typeof batchResultSchema>;

/**
 * POST /api/v1/contacts/batch's work: each item on its own, in order, in its own transaction (the one
 * create rule or the one update rule), so one bad item fails only itself. An item whose contact_id
 * names a contact (or one merged into another) updates it as PATCH would; any other item creates,
 * and a later item naming what an earlier one created updates it. The Contact IDs are resolved and
 * the attribute definitions read once for the whole batch.
 */
export async function runContactBatch(items: readonly unknown[], writer: ContactWriter): Promise<BatchResult[]> {
  const context = await loadRecordContext();
  const parsed = items.map((item) => batchItemBody.safeParse(item));
  const keyOf = (p: (typeof parsed)[number]) => (p.success ? p.data.contact_id?.trim() || undefined : undefined);
  const known = await resolveContactKeys([...new Set(parsed.flatMap((p) => keyOf(p) ?? []))]);
  const results: BatchResult[] = [];
  for (const p of parsed) {
    try {
      if (!p.success) throw new ValidationError("Please correct the fields named in details.", fieldErrorsOf(p.error));
      const key = keyOf(p);
      const existing = key === undefined ? undefined : known.get(key);
      let status: "created" | "updated";
      let snapshot;
      if (existing !== undefined) {
        const { contact_id: _named, ...changes } = p.data;
        snapshot = await updateFromBody(existing.id, changes, writer, context);
        status = "updated";
      } else {
        snapshot = await createFromBody(p.data, writer, context);
        known.set(snapshot.contact.contactKey, { id: snapshot.contact.id, contactKey: snapshot.contact.contactKey, merged: false });
        status = "created";
      }
      const contact = presentContact(snapshot);
      results.push({ status, contact, etag: etagOf(contact) });
    } catch (error) {
      // The one error mapper, for the item's own answer (an unexpected error is logged there, not shown).
      const { error: body } = (await errorResponse(error).json()) as { error: { code: string; message: string; details?: unknown } };
      results.push({ status: "error", error: body });
    }
  }
  return results;
}
