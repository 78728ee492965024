import { loadRecordContext } from "@/lib/contacts/record";
import { fieldErrorsOf } from "@/lib/field-errors";
import { upsertIntegrationRecord, type UpsertContext, type UpsertOutcome } from "@/lib/integrations/upsert";
import { getMergeSettings } from "@/lib/settings/merge-settings";
import { bodyPath } from "./contact-body";
import type { ContactWriter } from "./contact-writes";
import { upsertRecordBody, type UpsertResult } from "./integration-body";

/**
 * POST /api/v1/integrations/{source}/contacts's work: each record on its own, in order (a later one
 * sees what an earlier one wrote), in its own transaction, answered in its own `results[i]`. The
 * merge settings and the attribute definitions are read once for the whole request.
 */
export async function runIntegrationUpsert(source: string, records: readonly unknown[], writer: ContactWriter): Promise<UpsertResult[]> {
  const [context, settings] = await Promise.all([loadRecordContext(), getMergeSettings()]);
  const ctx: UpsertContext = { source, settings, context, actor: writer.actor, options: writer };
  const results: UpsertResult[] = [];
  for (const raw of records) {
    const parsed = upsertRecordBody.safeParse(raw);
    if (!parsed.success) {
      results.push({ status: "invalid", errors: fieldErrorsOf(parsed.error) });
      continue;
    }
    const { external_id, kind, first_name, last_name, phones, emails, tags, attributes } = parsed.data;
    try {
      const outcome = await upsertIntegrationRecord(ctx, {
        externalId: external_id,
        kind,
        record: {
          fields: { firstName: first_name, lastName: last_name },
          phones: phones?.map((phone) => ({ phone })),
          emails: emails?.map((email) => ({ email })),
          tags,
          attributes,
        },
      });
      results.push(presentOutcome(outcome));
    } catch (error) {
      // Only a fault of ours gets here (the domain's refusals are outcomes): the record's own answer says so.
      console.error("Unexpected error in an integration upsert record", error);
      results.push({ status: "error", errors: { _form: ["Something went wrong on our side with this record. Please send it again."] } });
    }
  }
  return results;
}

/** The record's one external ID is the body's `external_id`; every other path is named as in the contact bodies. */
const inBody = (path: string) => (path.startsWith("externalIds") ? "external_id" : bodyPath(path));

function presentOutcome(outcome: UpsertOutcome): UpsertResult {
  const errors = (e: Record<string, string[]>) => {
    const out: Record<string, string[]> = {};
    for (const [path, messages] of Object.entries(e)) (out[inBody(path)] ??= []).push(...messages);
    return out;
  };
  if (outcome.status === "conflict") return { status: "conflict", contact_ids: outcome.contactKeys, errors: errors(outcome.errors) };
  if (outcome.status === "invalid") return { status: "invalid", errors: errors(outcome.errors) };
  return { status: outcome.status, contact_id: outcome.contactKey };
}
