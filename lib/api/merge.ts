import { z } from "zod";
import type { Actor } from "@/lib/audit";
import { mergeContacts, previewMerge, resolveContactKeys, type MergePreview } from "@/lib/contacts/merge";
import { ATTRIBUTE_FIELD_PREFIX, MAX_MERGE, MERGE_FIELDS } from "@/lib/contacts/merge-plan";
import { ConflictError, DomainError, NotFoundError, ValidationError } from "@/lib/errors";
import { presentContact } from "./present";

/**
 * POST /api/v1/contacts/merge: the drawer's merge (lib/contacts/merge.ts) with contacts named by
 * their Contact IDs and fields by their names in the contact's JSON. A merged-away Contact ID is
 * refused with 409 naming where it went, never followed: a merge is undone only by its own undo, and following
 * the redirect would merge a contact the caller never named.
 */

const contactKey = z.string().trim().min(1, "Name a Contact ID.").max(200);
const ATTRIBUTES = "attributes.";

export const mergeBody = z
  .strictObject({
    primary: contactKey.meta({ description: "The Contact ID of the contact that remains.", example: "C-7Q2M9K4D" }),
    others: z
      .array(contactKey)
      .min(1, "Name at least one other contact.")
      .max(MAX_MERGE - 1, `At most ${MAX_MERGE} contacts can be merged at once.`)
      .meta({ description: `The Contact IDs merged into it (1 to ${MAX_MERGE - 1}); they then answer 308 to the primary.`, example: ["C-4H8N2P6R"] }),
    /** Field name → the Contact ID whose value to keep instead of the rule's. */
    fields: z
      .record(z.string().max(200), contactKey)
      .default({})
      .meta({
        description:
          "Field name (company, job_title…, or attributes.<key>) → the Contact ID whose value to keep instead of the rule's (the primary's, else the first other contact's that has one).",
        example: { company: "C-4H8N2P6R" },
      }),
    dry_run: z.boolean().default(false).meta({ description: "Answer the preview and change nothing." }),
  })
  .superRefine((body, ctx) => {
    const seen = new Set([body.primary]);
    body.others.forEach((key, i) => {
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["others", i], message: "This contact is named more than once." });
      seen.add(key);
    });
    for (const [field, key] of Object.entries(body.fields)) {
      if (!seen.has(key)) ctx.addIssue({ code: "custom", path: ["fields", field], message: "Choose one of the contacts being merged." });
    }
  });
export type MergeBody = z.output<typeof mergeBody>;

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** A merge field's name in the API (the contact's JSON key) ↔ its id in the merge plan. */
const FIELD_IDS = new Map<string, string>(MERGE_FIELDS.map((f) => [snake(f.column), f.id]));
const FIELD_NAMES = new Map<string, string>(MERGE_FIELDS.map((f) => [f.id, snake(f.column)]));

function planFieldId(name: string): string | undefined {
  if (name.startsWith(ATTRIBUTES) && name.length > ATTRIBUTES.length) return `${ATTRIBUTE_FIELD_PREFIX}${name.slice(ATTRIBUTES.length)}`;
  return FIELD_IDS.get(name);
}

function apiFieldName(id: string): string {
  return id.startsWith(ATTRIBUTE_FIELD_PREFIX) ? `${ATTRIBUTES}${id.slice(ATTRIBUTE_FIELD_PREFIX.length)}` : (FIELD_NAMES.get(id) ?? id);
}

/** Contact IDs → internal ids: 404 for unknown ones, 409 for merged-away ones (with where each went). */
async function internalIds(keys: string[]): Promise<Map<string, number>> {
  const resolved = await resolveContactKeys(keys);
  const unknown = keys.filter((k) => !resolved.has(k));
  if (unknown.length) throw new NotFoundError(`No contact has the Contact ID ${unknown.join(", ")}. Nothing was merged.`);
  const merged = keys.filter((k) => resolved.get(k)!.merged);
  if (merged.length) {
    const into = Object.fromEntries(merged.map((k) => [k, resolved.get(k)!.contactKey]));
    const said = merged.map((k) => `${k} was already merged into ${into[k]}`).join("; ");
    throw new ConflictError(`${said}. Nothing was merged: name the contacts as they are now.`, { merged_into: into });
  }
  return new Map(keys.map((k) => [k, resolved.get(k)!.id]));
}

/** The merge plan's field errors under the API's names (overrides.jobTitle → fields.job_title). */
function inApiTerms(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  if (error instanceof ValidationError && error.fieldErrors?.contactIds && error.message.startsWith("Nothing was merged. ")) {
    // Merged by someone else between our lookup and the merge's lock.
    return new ConflictError(`${error.message.slice("Nothing was merged. ".length)} Nothing was merged.`);
  }
  if (error instanceof NotFoundError) return new NotFoundError("A contact named here was deleted meanwhile. Nothing was merged.");
  if (!(error instanceof ValidationError) || !error.fieldErrors) return error;
  const fieldErrors = Object.fromEntries(
    Object.entries(error.fieldErrors).map(([key, messages]) => [
      key.startsWith("overrides.") ? `fields.${apiFieldName(key.slice("overrides.".length))}` : key === "primaryId" ? "primary" : key,
      messages,
    ]),
  );
  return new ValidationError(error.message, fieldErrors);
}

const value = z.union([z.string(), z.number(), z.boolean()]);
const from = z.string().meta({ description: "The Contact ID this comes from." });

/** What `dry_run` answers: the drawer's preview, contacts by Contact ID and fields by their JSON names. */
export const mergePreviewSchema = z
  .object({
    dry_run: z.literal(true),
    primary: z.string().meta({ description: "The contact that remains." }),
    others: z.array(z.string()).meta({ description: "The contacts merged into it, most recently updated first." }),
    fields: z.array(
      z.object({
        field: z.string().meta({ description: "The field's JSON name (company, job_title…) or attributes.<key>." }),
        label: z.string(),
        value: value.nullable().meta({ description: "The value the merged contact will have." }),
        from: from.nullable(),
        rule: z.enum(["primary", "filled", "chosen", "empty"]).meta({
          description: "primary: the primary's own value; filled: from another contact, the primary had none; chosen: as `fields` asked; empty: none has one.",
        }),
        conflict: z.boolean().meta({ description: "The contacts disagree: a value can be chosen with `fields`." }),
        candidates: z.array(z.object({ value, contact_ids: z.array(z.string()) })),
      }),
    ),
    created_at: z.iso.datetime({ offset: true }),
    last_interaction_at: z.iso.datetime({ offset: true }).nullable(),
    anonymous: z.boolean(),
    phones: z.array(z.object({ phone: z.string(), label: z.string().nullable(), is_primary: z.boolean(), from })),
    emails: z.array(z.object({ email: z.string(), label: z.string().nullable(), is_primary: z.boolean(), from })),
    external_ids: z.array(z.object({ system: z.string(), external_id: z.string(), from })),
    links: z.array(z.object({ label: z.string(), url: z.string(), from })),
    tags: z.array(z.object({ name: z.string(), from })),
    attributes: z.record(z.string(), z.object({ value, from })),
    note_count: z.int(),
    activity_count: z.int(),
  })
  .meta({ id: "MergePreview" });

function presentPreview(preview: MergePreview, keyOf: (id: number) => string): z.output<typeof mergePreviewSchema> {
  const { plan } = preview;
  return {
    dry_run: true,
    primary: keyOf(plan.primaryId),
    others: plan.secondaryIds.map(keyOf),
    fields: plan.fields.map((f) => ({
      field: apiFieldName(f.id),
      label: f.label,
      value: f.value,
      from: f.sourceId === null ? null : keyOf(f.sourceId),
      rule: f.rule,
      conflict: f.conflict,
      candidates: f.candidates.map((c) => ({ value: c.value, contact_ids: c.contactIds.map(keyOf) })),
    })),
    created_at: plan.createdAt.toISOString(),
    last_interaction_at: plan.lastInteractionAt?.toISOString() ?? null,
    anonymous: plan.anonymous,
    phones: plan.phones.map((p) => ({ phone: p.e164, label: p.label, is_primary: p.isPrimary, from: keyOf(p.contactId) })),
    emails: plan.emails.map((e) => ({ email: e.email, label: e.label, is_primary: e.isPrimary, from: keyOf(e.contactId) })),
    external_ids: plan.externalIds.map((x) => ({ system: x.system, external_id: x.externalId, from: keyOf(x.contactId) })),
    links: plan.links.map((l) => ({ label: l.label, url: l.url, from: keyOf(l.contactId) })),
    tags: plan.tags.map((t) => ({ name: t.name, from: keyOf(t.contactId) })),
    attributes: Object.fromEntries(Object.entries(plan.attributes).map(([key, a]) => [key, { value: a.value, from: keyOf(a.contactId) }])),
    note_count: plan.noteCount,
    activity_count: plan.activityCount,
  };
}

export type MergeAnswer = { preview: z.output<typeof mergePreviewSchema> } | { contact: ReturnType<typeof presentContact> };

/** The preview (dry_run) or the merge itself, audited as `actor`. */
export async function mergeByContactIds(body: MergeBody, actor: Actor): Promise<MergeAnswer> {
  const unknownFields = Object.keys(body.fields).filter((name) => !planFieldId(name));
  if (unknownFields.length) {
    const choices = [...FIELD_IDS.keys(), `${ATTRIBUTES}<key>`].join(", ");
    throw new ValidationError("Name fields a merge can choose.", Object.fromEntries(unknownFields.map((f) => [`fields.${f}`, [`Not a field a merge can choose; use one of: ${choices}.`]])));
  }
  const keys = [body.primary, ...body.others];
  const ids = await internalIds(keys);
  const keyOf = new Map([...ids].map(([key, id]) => [id, key]));
  const primaryId = ids.get(body.primary)!;
  const contactIds = keys.map((k) => ids.get(k)!);
  const overrides = Object.fromEntries(Object.entries(body.fields).map(([name, key]) => [planFieldId(name)!, ids.get(key)!]));
  try {
    if (body.dry_run) return { preview: presentPreview(await previewMerge(contactIds, primaryId, overrides), (id) => keyOf.get(id)!) };
    const result = await mergeContacts({ primaryId, contactIds, overrides }, actor);
    return { contact: presentContact(result.contact) };
  } catch (error) {
    throw inApiTerms(error);
  }
}
