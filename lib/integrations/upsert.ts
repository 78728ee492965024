import { db } from "@/db";
import type { Actor } from "@/lib/audit";
import { createContactRecord } from "@/lib/contacts/create";
import { externalIdKey, heldByUserError, identifierHolders, type IdentifierConflictDetails } from "@/lib/contacts/identifier-conflicts";
import { prepareContactRecord, recordIdentifiers, type ContactRecordInput, type PreparedRecord, type RecordContext } from "@/lib/contacts/record";
import type { RecordWriteOptions } from "@/lib/contacts/record-write";
import { loadContactSnapshot } from "@/lib/contacts/snapshot";
import { updateContactRecord } from "@/lib/contacts/update-record";
import { STALE_MESSAGE } from "@/lib/contacts/write";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "@/lib/errors";
import type { MergeSettings } from "@/lib/settings/merge-settings";
import { mergeIntoContact, planMatch } from "./upsert-plan";

/**
 * An integration's upsert of one record (POST /api/v1/integrations/{source}/contacts): checked by
 * the value module, matched (lib/integrations/upsert-plan.ts), then created or updated through the
 * one create and update rules of lib/contacts, each in its own transaction and audited as the caller.
 */

export type IntegrationKind = "lead" | "contact";

export interface IntegrationRecord {
  externalId: string;
  kind: IntegrationKind;
  /** The names, phones, e-mails, tags and attribute values sent, unchecked. */
  record: Omit<ContactRecordInput, "externalIds">;
}

/** Errors are keyed by the record's paths ("phones.1", "externalIds.0.externalId"); `_form` for the whole record. */
export type UpsertOutcome =
  | { status: "created" | "updated" | "unchanged"; contactKey: string }
  | { status: "conflict"; contactKeys: string[]; errors: Record<string, string[]> }
  | { status: "invalid"; errors: Record<string, string[]> };

export interface UpsertContext {
  /** The integration, as an external ID system (hubspot, shopify). */
  source: string;
  settings: MergeSettings;
  context: RecordContext;
  actor: Actor;
  options: RecordWriteOptions;
}

// A concurrent write can take one of the record's identifiers, or change the matched contact,
// between the look-up and the write (the unique indexes and the version check catch it): look again.
const ATTEMPTS = 3;

export async function upsertIntegrationRecord(ctx: UpsertContext, item: IntegrationRecord): Promise<UpsertOutcome> {
  let prepared: PreparedRecord;
  try {
    prepared = await prepareContactRecord({ ...item.record, externalIds: [{ system: ctx.source, externalId: item.externalId }] }, ctx.context);
  } catch (error) {
    if (error instanceof ValidationError) return invalid(error);
    throw error;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await upsertOnce(ctx, item.kind, prepared);
    } catch (error) {
      const raced = (error instanceof ConflictError || error instanceof NotFoundError) && attempt < ATTEMPTS;
      if (raced) continue;
      if (error instanceof ConflictError) {
        const holder = (error.details as Partial<IdentifierConflictDetails> | undefined)?.contactKey;
        return { status: "conflict", contactKeys: holder ? [holder] : [], errors: error.fieldErrors ?? { _form: [error.message] } };
      }
      if (error instanceof DomainError) return invalid(error);
      throw error;
    }
  }
}

/** A refused record's reasons; a tag's index is dropped, since a merged contact's tag list is not the record's. */
function invalid(error: DomainError): UpsertOutcome {
  const errors: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(error.fieldErrors ?? { _form: [error.message] })) (errors[path.replace(/^tags\.\d+$/, "tags")] ??= []).push(...messages);
  return { status: "invalid", errors };
}

async function upsertOnce(ctx: UpsertContext, kind: IntegrationKind, prepared: PreparedRecord): Promise<UpsertOutcome> {
  const ids = recordIdentifiers(prepared);
  const held = await identifierHolders(db, ids);
  if (held.userPhones.size || held.userEmails.size) {
    const errors: Record<string, string[]> = {};
    for (const [kindOf, field, values] of [["phone", "phones", held.userPhones], ["email", "emails", held.userEmails]] as const) {
      if (values.size) errors[field] = [...values].map(() => heldByUserError(kindOf, field).message);
    }
    return { status: "invalid", errors };
  }
  const external = prepared.externalIds![0]!;
  const plan = planMatch({
    kind,
    strategy: kind === "lead" ? ctx.settings.leads : ctx.settings.contacts,
    external: { label: `${external.externalId} (${external.system})`, holder: held.externalIds.get(externalIdKey(external)) ?? null },
    phones: ids.phones.flatMap((value) => (held.phones.get(value) ?? [null]).map((holder) => ({ value, holder }))),
    emails: ids.emails.map((value) => ({ value, holder: held.emails.get(value) ?? null })),
  });
  if (plan.action === "conflict") return { status: "conflict", contactKeys: plan.holders.map((h) => h.contactKey), errors: plan.errors };
  if (plan.action === "create") {
    const record = { ...prepared, columns: { ...prepared.columns, leadStage: kind, source: "integration" as const } };
    const created = await createContactRecord(record, ctx.actor, ctx.options);
    return { status: "created", contactKey: created.contactKey };
  }
  const before = await loadContactSnapshot(db, plan.target.id);
  if (!before) throw new NotFoundError();
  // A contact in Trash that the record names is restored along with the update (SPEC §9), as the import and inbound messages do.
  const trashed = before.contact.trashedAt !== null;
  const change = mergeIntoContact(before, prepared) ?? (trashed ? { columns: {}, fieldIds: {} } : null);
  if (!change) return { status: "unchanged", contactKey: before.contact.contactKey };
  const after = await updateContactRecord(
    {
      contactId: before.contact.id,
      record: change,
      ...(trashed ? { restoreBy: `an upsert from ${ctx.source}` } : {}),
      // The change was worked out from `before`: written onto anything newer, it could drop what came meanwhile.
      precondition: (locked) => {
        if (locked.contact.version !== before.contact.version) throw new ConflictError(STALE_MESSAGE, { reason: "stale" });
      },
    },
    ctx.actor,
    ctx.options,
  );
  return { status: after.contact.version === before.contact.version ? "unchanged" : "updated", contactKey: after.contact.contactKey };
}
