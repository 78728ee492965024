import { z } from "zod";
import { LEAD_STAGES, SOURCE_CHANNELS, CONTACT_STATUSES, SUBSCRIPTION_STATUSES } from "@/db/schema/enums";
import { systemField } from "@/lib/contacts/fields";
import type { ContactRecordInput } from "@/lib/contacts/record";
import type { EditableFieldId } from "@/lib/contacts/update";
import { TEXT_LIMITS } from "@/lib/fields/text";
import { textRule } from "@/lib/fields/system";

/**
 * The bodies /api/v1 takes to write contacts, as zod schemas (the routes read with them; the OpenAPI
 * document is built from them). They check only the shape: every value is then checked by the value
 * module (lib/contacts/record.ts), so the API refuses a value with the profile's and the import's words.
 */

/** Body key of each editable system field: snake_case, the favorite agent by its user id. */
export const FIELD_KEYS = {
  firstName: "first_name",
  middleName: "middle_name",
  lastName: "last_name",
  company: "company",
  jobTitle: "job_title",
  industry: "industry",
  website: "website",
  street: "street",
  city: "city",
  region: "region",
  postalCode: "postal_code",
  country: "country",
  billingStreet: "billing_street",
  billingCity: "billing_city",
  billingRegion: "billing_region",
  billingPostalCode: "billing_postal_code",
  billingCountry: "billing_country",
  language: "language",
  timeZone: "time_zone",
  leadStage: "lead_stage",
  status: "status",
  subscription: "subscription",
  favoriteAgent: "favorite_agent_id",
} as const satisfies Record<EditableFieldId, string>;
type FieldKey = (typeof FIELD_KEYS)[EditableFieldId];

/** Body key of every record path's first segment (field errors and conflicts name the body's keys). */
const BODY_KEYS: Record<string, string> = { ...FIELD_KEYS, contactKey: "contact_id", source: "source", externalIds: "external_ids" };

// Capped only against abuse: the value module holds each field's own limit.
const ABUSE_CAP = 20_000;
const raw = () => z.string().max(ABUSE_CAP, "That is too long.");

const ENUM_VALUES: Partial<Record<EditableFieldId | "source", readonly string[]>> = {
  leadStage: LEAD_STAGES,
  status: CONTACT_STATUSES,
  subscription: SUBSCRIPTION_STATUSES,
  source: SOURCE_CHANNELS,
};

function describeField(id: EditableFieldId | "source"): string {
  const field = systemField(id)!;
  const values = ENUM_VALUES[id];
  if (values) return `${field.label}: ${values.join(", ")} (labels and common synonyms, such as MQL for lead, are read too).`;
  if (field.type === "country") return `${field.label}: an ISO 3166 code or an English name; stored as the code. null clears it.`;
  if (id === "language") return `${field.label}: a BCP 47 tag (en, pt-BR) or an English name; stored as the tag. null clears it.`;
  if (id === "timeZone") return `${field.label}: an IANA zone such as Europe/Berlin. null clears it.`;
  return `${field.label}, at most ${textRule(id).max} characters. null clears it.`;
}

const fieldShape = Object.fromEntries(
  (Object.entries(FIELD_KEYS) as [EditableFieldId, FieldKey][]).map(([id, key]) => [
    key,
    id === "favoriteAgent"
      ? z.number().int().positive().nullable().optional().meta({ description: "The favorite agent's user id (GET /api/v1/users). null clears it." })
      : raw().nullable().optional().meta({ description: describeField(id) }),
  ]),
) as { [K in FieldKey]: K extends "favorite_agent_id" ? z.ZodOptional<z.ZodNullable<z.ZodNumber>> : z.ZodOptional<z.ZodNullable<z.ZodString>> };

const label = raw().nullable().optional().meta({ description: `A label such as "work" or "mobile", at most ${TEXT_LIMITS.label} characters.` });
const isPrimary = z.boolean().optional().meta({ description: "The primary one; when none is marked, the first listed is." });

const phoneItem = z.union([
  raw().meta({ description: "A phone number; without + it is read in the body's country, else the workspace's default country." }),
  z.strictObject({ phone: raw(), label, is_primary: isPrimary }),
]);
const emailItem = z.union([raw().meta({ description: "An e-mail address." }), z.strictObject({ email: raw(), label, is_primary: isPrimary })]);

const setsShape = {
  phones: z.array(phoneItem).max(50).optional().meta({
    description: "Phone numbers, stored in E.164. On PATCH the list replaces the contact's phones ([] removes them all).",
    example: [{ phone: "+13195554929", label: "mobile", is_primary: true }],
  }),
  emails: z.array(emailItem).max(50).optional().meta({
    description: "E-mail addresses, stored trimmed and lower-cased. On PATCH the list replaces the contact's e-mails.",
    example: ["ada@example.com"],
  }),
  external_ids: z
    .array(z.strictObject({ system: raw().meta({ description: "The system, e.g. hubspot (lower-cased)." }), external_id: raw() }))
    .max(50)
    .optional()
    .meta({ description: "IDs of this contact in other systems; unique per system. On PATCH the list replaces the contact's.", example: [{ system: "hubspot", external_id: "51" }] }),
  tags: z
    .array(raw())
    .max(100)
    .optional()
    .meta({ description: "Tag names (any case). Only an admin token may name a tag that does not exist yet (it is created). On PATCH the list replaces the contact's tags.", example: ["VIP"] }),
  attributes: z
    .record(raw(), z.union([raw(), z.number(), z.boolean(), z.null()]))
    .optional()
    .meta({ description: "Custom attribute values by key (GET /api/v1/attributes), checked by the attribute's type; null removes a value. Keys not sent are kept.", example: { tier: "Gold" } }),
};

const contactId = raw().meta({ description: "The Contact ID: given here, or generated (C-XXXXXXXX). It never changes.", example: "CRM-1042" });
const source = raw().meta({ description: `${describeField("source")} Set on create only; api by default.` });

export const createContactBody = z
  .strictObject({ contact_id: contactId.optional(), source: source.optional(), ...fieldShape, ...setsShape })
  .meta({
    description: "A new contact. At least one of phones, emails, external_ids or contact_id. Never merges: an identifier another contact holds answers 409.",
    example: { first_name: "Ada", last_name: "Lovelace", company: "Analytical Engines", phones: ["+13195554929"], emails: ["ada@example.com"], tags: ["VIP"] },
  });
export type CreateContactBody = z.output<typeof createContactBody>;

export const updateContactBody = z.strictObject({ ...fieldShape, ...setsShape }).meta({
  description: "The fields to change, and only those. phones, emails, external_ids and tags replace their sets; attributes sets the keys sent.",
  example: { job_title: "Engineer", phones: [{ phone: "+13195554929", is_primary: true }, "+13195550100"], attributes: { tier: null } },
});
export type UpdateContactBody = z.output<typeof updateContactBody>;

/** The most items one batch request may carry; more answers 422 (a validation error on `items`). */
export const BATCH_LIMIT = 1000;

export const batchItemBody = createContactBody.meta({
  description: "A contact to create or update: when contact_id names an existing contact (or one merged into another), it is updated as by PATCH; otherwise created.",
});

/** What POST /api/v1/contacts/batch takes (the document's view: the route checks each item on its own). */
export const contactBatchBody = z.strictObject({
  items: z.array(batchItemBody).min(1).max(BATCH_LIMIT).meta({ description: `1 to ${BATCH_LIMIT} contacts, each answered on its own in results.` }),
});

/** The envelope the batch route reads first: each item is then checked with `batchItemBody`, so one bad item fails only itself. */
export const contactBatchEnvelope = z.strictObject({
  items: z.array(z.unknown()).min(1, "Send at least one item.").max(BATCH_LIMIT, `Send at most ${BATCH_LIMIT} items per request.`),
});

/** A body in the domain's terms (camelCase ids), values untouched: the value module checks them next. */
export function recordFromBody(body: Partial<CreateContactBody>): ContactRecordInput {
  const fields: ContactRecordInput["fields"] = {};
  for (const [id, key] of Object.entries(FIELD_KEYS) as [EditableFieldId, FieldKey][]) if (body[key] !== undefined) fields[id] = body[key];
  if (body.contact_id !== undefined) fields.contactKey = body.contact_id;
  if (body.source !== undefined) fields.source = body.source;
  return {
    fields,
    phones: body.phones?.map((p) => (typeof p === "string" ? { phone: p } : { phone: p.phone, label: p.label, isPrimary: p.is_primary })),
    emails: body.emails?.map((e) => (typeof e === "string" ? { email: e } : { email: e.email, label: e.label, isPrimary: e.is_primary })),
    externalIds: body.external_ids?.map((x) => ({ system: x.system, externalId: x.external_id })),
    tags: body.tags,
    attributes: body.attributes,
  };
}

/** A record path ("externalIds.0.externalId", "favoriteAgent") as the body's ("external_ids.0.external_id", "favorite_agent_id"). */
export function bodyPath(path: string): string {
  const [head = "", ...rest] = path.split(".");
  const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  // An attribute's key is the caller's own, as sent.
  return [BODY_KEYS[head] ?? snake(head), ...(head === "attributes" ? rest : rest.map(snake))].join(".");
}
