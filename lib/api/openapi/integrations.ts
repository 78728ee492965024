import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { sourceParam, UPSERT_LIMIT, upsertAnswerSchema, upsertBody } from "@/lib/api/integration-body";
import { json, tokenOperation } from "./common";

/** /integrations/{source}/contacts (app/api/v1/integrations). */

const upsertExample = {
  records: [
    { external_id: "51", kind: "lead", first_name: "Ada", last_name: "Lovelace", phones: ["+13195554929"], emails: ["ada@example.com"], tags: ["Newsletter"] },
    { external_id: "52", kind: "contact", first_name: "Grace", emails: ["grace@example.com"], attributes: { tier: "Gold" } },
    { external_id: "53", kind: "contact", emails: ["not-an-email"] },
  ],
};

export const integrationPaths: ZodOpenApiPathsObject = {
  "/integrations/{source}/contacts": {
    post: tokenOperation({
      operationId: "upsertIntegrationContacts",
      tags: ["Integrations"],
      summary: "Upsert contacts from an integration",
      description: `1 to ${UPSERT_LIMIT} records of a CRM or shop, each matched, then updated or created, in its own transaction, and answered in its own \`results[i]\` (more than ${UPSERT_LIMIT}: 422).

**Matching.** First by the external ID (\`source\`, \`external_id\`); else by the workspace's merge setting for the record's \`kind\` (Settings › Merge settings): a contact holding one of its phone numbers, one of its e-mails, one of each, or none (don't merge). Two contacts are never merged: a record whose identifiers point at two contacts (its phone is one's and its e-mail another's, or its external ID is one's and its phone another's), or at a contact its setting does not match, is answered \`conflict\` with their Contact IDs and nothing is written for it.

**Updating** a match: phones, e-mails and tags are added (none removed), the external ID attached, and every other value sent replaces the stored one; an empty or missing value never clears one. A record that changes nothing answers \`unchanged\`, so sending a batch again writes nothing. A match in Trash is restored with the update (answered \`updated\`, its timeline says "Restored from Trash by an upsert from <source>"), as an import row or an inbound message restores it; a refused record leaves it there. **Creating**: lead stage Lead for a lead (Contact for a contact), source Integration, with the external ID.`,
      scope: "write",
      idempotent: true,
      requestParams: { path: z.object({ source: sourceParam }) },
      body: { schema: upsertBody, description: "The records. The envelope is checked first; each record then on its own.", example: upsertExample },
      responses: {
        200: json("Every record's result, in order.", upsertAnswerSchema, {
          example: {
            results: [
              { status: "created", contact_id: "C-7Q2M9K4D" },
              { status: "conflict", contact_ids: ["C-4H8N2P6R", "C-9D3K7T1M"], errors: { emails: ["The email address grace@example.com belongs to Grace Hopper (C-9D3K7T1M), but this record is Grace H. (C-4H8N2P6R) by its external ID 52 (hubspot). An upsert never merges two contacts: merge them first, or correct the record."] } },
              { status: "invalid", errors: { "emails.0": ['"not-an-email" is not a valid e-mail address.'] } },
            ],
          },
        }),
      },
      errors: [404],
    }),
  },
};
