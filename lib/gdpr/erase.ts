import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { contactEmails, contactExternalIds, contactPhones, contactRedirects, contacts } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { idSchema } from "@/lib/forms";
import { scrubImportFiles, type PersonNeedles } from "./import-files";
import { scrubMergeJournals } from "./merge-journals";
import { refuseControlChars } from "@/lib/fields/text";

export const eraseContactInput = z.object({
  contactId: idSchema,
  reference: z
    .string()
    .trim()
    .min(3, { error: "Give the legal basis or the request's reference (at least 3 characters)." })
    .max(500, { error: "At most 500 characters." })
    .superRefine(refuseControlChars("The reference")),
  confirmContactKey: z.string().trim().min(1, { error: "Type the contact's Contact ID to confirm." }),
});
export type EraseContactInput = z.output<typeof eraseContactInput>;

export interface ErasureResult {
  /** The tombstone's audit entry. */
  auditId: number;
  importFiles: { files: number; rows: number };
}

const text = (values: readonly string[]) => sql`${`{${values.map((v) => `"${v.replace(/(["\\])/g, "\\$1")}"`).join(",")}}`}::text[]`;

/**
 * GDPR erasure (SPEC §8): the contact and every personal value of it, everywhere, in one
 * transaction — its record and everything hanging off it (cascades), the before/after of every
 * audit entry about it or about a contact merged into it (a merge's snapshots of the merged
 * contacts live in the entry of the contact they were merged into, which is one of these), the
 * webhook events naming it (their deliveries cascade), the inbound messages and API replays that
 * answered with it, and the words of its names no other contact has (search_words). What stays is one tombstone entry: `contact.erase`, its id, who, when and the
 * reference, no value of the person. Not undoable, no trash. Import files are scrubbed after commit.
 */
export async function eraseContact(input: EraseContactInput, actor: Actor): Promise<ErasureResult> {
  const { auditId, needles } = await db.transaction(async (tx) => {
    const [contact] = await tx.select({ id: contacts.id, key: contacts.contactKey }).from(contacts).where(eq(contacts.id, input.contactId)).for("update");
    if (!contact) throw new NotFoundError("This contact no longer exists.");
    if (input.confirmContactKey !== contact.key) {
      throw new ValidationError("The Contact ID typed does not match this contact's. Nothing was erased.", {
        confirmContactKey: [`Type ${contact.key} exactly.`],
      });
    }
    const merged = await tx.select({ id: contactRedirects.oldContactId, key: contactRedirects.oldContactKey }).from(contactRedirects).where(eq(contactRedirects.contactId, contact.id));
    const ids = [contact.id, ...merged.map((m) => m.id)].map(String);
    const keys = [contact.key, ...merged.map((m) => m.key)];
    const [emails, phones, externalIds] = await Promise.all([
      tx.select({ v: contactEmails.emailNormalized }).from(contactEmails).where(eq(contactEmails.contactId, contact.id)),
      tx.select({ v: contactPhones.e164 }).from(contactPhones).where(eq(contactPhones.contactId, contact.id)),
      tx.select({ v: contactExternalIds.externalId }).from(contactExternalIds).where(eq(contactExternalIds.contactId, contact.id)),
    ]);

    // Every word its names and companies ever had (now and in the audit snapshots, merged contacts'
    // included): those no other contact holds leave the spelling suggestions' words (search_words).
    const words = await tx.execute<{ w: string }>(sql`
      select distinct w from (
        select concat_ws(' ', c.first_name, c.middle_name, c.last_name, c.company) as t from contacts c where c.id = ${contact.id}
        union all
        select s #>> '{}' from audit_log a, jsonb_path_query(jsonb_build_array(a.before, a.after), 'strict $.** ? (@.type() == "string")') s
        where a.entity_type = 'contact' and a.entity_id = any(${text(ids)})
      ) x, search_words_of(x.t) w`);

    // The audit log is append-only: its trigger refuses UPDATE and DELETE unless the transaction
    // says it is an erasure. This is the only place that says so, and only for this transaction
    // (`true`: local), so nothing else running on this connection later inherits it.
    await tx.execute(sql`select set_config('switchboard.audit_erasure', 'on', true)`);
    await tx.execute(sql`update audit_log set before = null, after = null
      where entity_type = 'contact' and entity_id = any(${text(ids)}) and (before is not null or after is not null)`);

    await scrubMergeJournals(tx, [contact.id, ...merged.map((m) => m.id)]);
    // The outbox names contacts by Contact ID; a merge event names the merged-away ones too, a merge undo's the contact left.
    await tx.execute(sql`delete from webhook_events where data->>'contact_id' = any(${text(keys)}) or data->>'unmerged_from' = any(${text(keys)})
      or coalesce(data->'merged_contact_ids', '[]'::jsonb) ?| ${text(keys)}`);
    // A repeated inbound delivery answers the first answer, which named the contact.
    await tx.execute(sql`delete from inbound_messages where contact_id = ${contact.id} or answer->>'contact_id' = any(${text(keys)})`);
    // Stored API replays (24 h) may hold the contact as a response body.
    await tx.execute(sql`delete from api_idempotency_keys where exists (select 1 from unnest(${text(keys)}) k where strpos(body, k) > 0)`);
    // Identifiers, notes, activities, links, tags, attributes and redirects cascade.
    await tx.delete(contacts).where(eq(contacts.id, contact.id));
    await tx.execute(sql`select forget_search_words(${text(words.map((r) => r.w))})`);
    const auditId = await recordAudit(tx, actor, { action: "contact.erase", entityType: "contact", entityId: contact.id, after: { reference: input.reference } });

    const needles: PersonNeedles = {
      emails: emails.map((e) => e.v.toLowerCase()),
      phoneDigits: phones.map((p) => p.v.replace(/\D/g, "")),
      exact: [...keys, ...externalIds.map((x) => x.v)],
    };
    return { auditId, needles };
  });
  return { auditId, importFiles: await scrubImportFiles(needles) };
}
