import type { Contact } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { ValidationError } from "@/lib/errors";
import type { ActivityInput } from "./activity";
import { systemField } from "./fields";
import { explainRecordError, recordIdentifierProblem } from "./identifier-conflicts";
import { recordIdentifiers, type PreparedRecord } from "./record";
import { writeRecordSets, type RecordWriteOptions } from "./record-write";
import type { ContactSnapshot } from "./snapshot";
import { restoreFromTrash } from "./trash";
import { describeFieldChange, fieldActivityType, type EditableFieldId } from "./update";
import { writeContactReturning, type ContactChange } from "./write";

export interface RecordUpdate {
  contactId: number;
  record: PreparedRecord;
  /**
   * Checked against the contact as locked, before anything is written; throws to refuse (the API's
   * If-Match). Without it, the last write wins field by field, as in the profile.
   */
  precondition?: (before: ContactSnapshot) => void;
  /**
   * A contact in Trash that the record names again comes back with the change (SPEC §9, as an import
   * row or an inbound message does): what brought it back, for its timeline ("an upsert from hubspot").
   * Without it, a contact in Trash is refused as gone.
   */
  restoreBy?: string;
}

const KEY_FIXED = "A contact's Contact ID never changes.";
const SOURCE_FIXED = "The source is the channel a contact first came through; it is set when the contact is created.";

/**
 * Updates the parts of a contact a record carries, and only those (the API's PATCH, a batch item):
 * each field sent, the sets of phones, e-mails, external IDs and tags sent (replaced), each custom
 * attribute sent. Through `writeContact`: one transaction, the contact locked, version bumped and one
 * audit entry when anything changed, a timeline event per change. Identifiers another contact or a
 * user holds are refused as on create; the Contact ID and the source never change.
 */
export async function updateContactRecord(update: RecordUpdate, actor: Actor, options: RecordWriteOptions): Promise<ContactSnapshot> {
  const { record } = update;
  const identifiers = recordIdentifiers(record);
  try {
    const { after } = await writeContactReturning<undefined>({
      contactId: update.contactId,
      actor,
      action: "contact.update",
      allowTrashed: update.restoreBy !== undefined,
      run: async (tx, before) => {
        update.precondition?.(before);
        if (record.contactKey != null && record.contactKey !== before.contact.contactKey) throw new ValidationError(KEY_FIXED, { contactKey: [KEY_FIXED] });
        if (record.columns.source !== undefined && record.columns.source !== before.contact.source) throw new ValidationError(SOURCE_FIXED, { source: [SOURCE_FIXED] });
        const problem = await recordIdentifierProblem(tx, identifiers, update.contactId);
        if (problem) throw problem;

        const patch: Record<string, unknown> = {};
        const events: ActivityInput[] = [];
        for (const [column, value] of Object.entries(record.columns) as [keyof Contact, string | number | null][]) {
          if (before.contact[column] === value) continue;
          const id = record.fieldIds[column] as EditableFieldId;
          patch[column] = value;
          events.push({
            type: fieldActivityType(id),
            summary: await describeFieldChange(tx, systemField(id)!, value),
            payload: { field: id, from: before.contact[column] as unknown, to: value },
          });
        }
        events.push(...(await writeRecordSets(tx, update.contactId, before, record, actor, options)));
        if (before.contact.trashedAt && update.restoreBy !== undefined) {
          const restore = restoreFromTrash(update.restoreBy);
          Object.assign(patch, restore.patch);
          events.unshift(restore.activity);
        }
        if (events.length === 0) return { unchanged: true, result: undefined };
        return { patch: patch as ContactChange<unknown>["patch"], activities: events, result: undefined };
      },
    });
    return after;
  } catch (error) {
    throw await explainRecordError(error, identifiers, update.contactId);
  }
}
