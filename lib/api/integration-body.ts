import { z } from "zod";
import { EXTERNAL_SYSTEM_PATTERN } from "@/lib/fields/external-id";

/**
 * What POST /api/v1/integrations/{source}/contacts takes and answers, as zod schemas (the route reads
 * with them; the OpenAPI document is built from them). Shapes only: every value is then checked by
 * the value module (lib/contacts/record.ts), with the profile's, the import's and the API's words.
 */

/** The most records one request may carry; more answers 422 (a validation error on `records`). */
export const UPSERT_LIMIT = 1000;

/** The integration in the path: an external ID system's name, as the value module takes it, lower-case only. */
export const sourceParam = z
  .string()
  .regex(new RegExp(`^${EXTERNAL_SYSTEM_PATTERN}$`))
  .meta({
    description: "The integration, e.g. hubspot or shopify: up to 40 lower-case letters, digits, _ and -, starting with a letter. It is the `system` of the external IDs the records carry.",
    example: "hubspot",
  });

// Capped only against abuse: the value module holds each field's own limit.
const raw = () => z.string().max(20_000, "That is too long.");
const name = (label: string) => raw().nullable().optional().meta({ description: `${label}. Empty or missing keeps the stored value.` });

export const upsertRecordBody = z
  .strictObject({
    external_id: raw().meta({ description: "The record's ID in the integration; with the source, it names one contact for good.", example: "51" }),
    kind: z.enum(["lead", "contact"]).meta({ description: "Which merge setting applies; a lead is created with lead stage Lead, a contact with Contact." }),
    first_name: name("First name"),
    last_name: name("Last name"),
    phones: z.array(raw()).max(50).optional().meta({ description: "Phone numbers; without + they are read in the workspace's default country. Added to a matched contact's, never replacing them.", example: ["+13195554929"] }),
    emails: z.array(raw()).max(50).optional().meta({ description: "E-mail addresses, added to a matched contact's.", example: ["ada@example.com"] }),
    attributes: z
      .record(raw(), z.union([raw(), z.number(), z.boolean(), z.null()]))
      .optional()
      .meta({ description: "Custom attribute values by key (GET /api/v1/attributes), checked by type. null or \"\" keeps the stored value.", example: { tier: "Gold" } }),
    tags: z.array(raw()).max(100).optional().meta({ description: "Tag names, added to a matched contact's. Only an admin token may name a tag that does not exist yet.", example: ["Newsletter"] }),
  })
  .meta({ id: "IntegrationRecord" });

/** The document's view of the body: the route reads `upsertEnvelope`, then each record on its own, so one bad record fails only itself. */
export const upsertBody = z.strictObject({
  records: z.array(upsertRecordBody).min(1).max(UPSERT_LIMIT).meta({ description: `1 to ${UPSERT_LIMIT} records, each answered on its own in results.` }),
});

export const upsertEnvelope = z.strictObject({
  records: z.array(z.unknown()).min(1, "Send at least one record.").max(UPSERT_LIMIT, `Send at most ${UPSERT_LIMIT} records per request.`),
});

const reasons = z
  .record(z.string(), z.array(z.string()))
  .meta({ description: "Messages by body field (phones.0, emails, external_id, tags; _form for the record as a whole)." });

export const upsertResultSchema = z
  .discriminatedUnion("status", [
    z.object({
      status: z.enum(["created", "updated", "unchanged"]),
      contact_id: z.string().meta({ description: "The Contact ID of the contact created, updated, or already holding all of it." }),
    }),
    z.object({
      status: z.literal("conflict"),
      contact_ids: z.array(z.string()).meta({ description: "The contacts the record points at (an upsert never merges two contacts)." }),
      errors: reasons,
    }),
    z.object({ status: z.literal("invalid"), errors: reasons }),
    z.object({ status: z.literal("error"), errors: reasons.meta({ description: "Something went wrong on our side with this record; send it again." }) }),
  ])
  .meta({ id: "IntegrationUpsertResult" });
export type UpsertResult = z.output<typeof upsertResultSchema>;

export const upsertAnswerSchema = z
  .object({ results: z.array(upsertResultSchema).meta({ description: "One per record, in the records' order." }) })
  .meta({ id: "IntegrationUpsertAnswer" });
