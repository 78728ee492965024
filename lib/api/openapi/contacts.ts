import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { BATCH_LIMIT, contactBatchBody, createContactBody, updateContactBody } from "@/lib/api/contact-body";
import { mergeBody, mergePreviewSchema } from "@/lib/api/merge";
import { contactIdParam } from "@/lib/api/params";
import { batchAnswerSchema, contactPageSchema, contactSchema } from "@/lib/api/present";
import { contactPageInput } from "@/lib/contacts/pages";
import { etagHeader, identifierConflict, ifMatchHeader, json, mergeConflict, mergedAway, noContent, tokenOperation } from "./common";

/** /contacts, /contacts/{contact_id}, /contacts/batch and /contacts/merge (app/api/v1/contacts). */

const contactPath = z.object({ contact_id: contactIdParam });
const ifMatch = z.object({ "If-Match": ifMatchHeader });

export const contactPaths: ZodOpenApiPathsObject = {
  "/contacts": {
    get: tokenOperation({
      operationId: "listContacts",
      tags: ["Contacts"],
      summary: "List contacts",
      description:
        "Contacts in pages, narrowed as the contact list narrows them: the quick search `q`, the advanced `filter`, a `segment`; in the order `sort` names (ties by creation). Walk a whole set by passing each page's `next_cursor` as `cursor` with the same `q`, `filter`, `segment` and `sort`: contacts created or changed meanwhile neither repeat nor shift the others.",
      scope: "read",
      requestParams: { query: contactPageInput },
      responses: { 200: json("A page of contacts.", contactPageSchema) },
      errors: [400],
    }),
    post: tokenOperation({
      operationId: "createContact",
      tags: ["Contacts"],
      summary: "Create a contact",
      description:
        "Creates a contact from its fields, each checked as the profile and the import check it (a value is read in the workspace's terms: MQL is a lead, Deutschland is DE). Never merges: a phone, e-mail, external ID or Contact ID another contact holds answers 409 naming that contact.",
      scope: "write",
      idempotent: true,
      body: { schema: createContactBody, description: "The new contact, in snake_case. Phones and e-mails as strings or objects." },
      responses: {
        201: json("The contact as GET answers it.", contactSchema, {
          headers: etagHeader.extend({
            Location: z.string().meta({ description: "The contact's URL.", example: "https://switchboard.example.com/api/v1/contacts/C-7Q2M9K4D" }),
          }),
        }),
        409: identifierConflict,
      },
    }),
  },
  "/contacts/{contact_id}": {
    get: tokenOperation({
      operationId: "getContact",
      tags: ["Contacts"],
      summary: "Get a contact",
      description: "One contact by its Contact ID, with its phones, e-mails, external ids, links, tags and custom attribute values.",
      scope: "read",
      requestParams: { path: contactPath },
      responses: {
        200: json("The contact. `ETag` changes whenever the contact does.", contactSchema, { headers: etagHeader }),
        308: mergedAway,
      },
      errors: [404],
    }),
    patch: tokenOperation({
      operationId: "updateContact",
      tags: ["Contacts"],
      summary: "Update a contact",
      description:
        "Changes only the fields sent (null clears one). `phones`, `emails`, `external_ids` and `tags` replace their sets; `attributes` sets the keys sent. With `If-Match`, only if the contact is still the version read.",
      scope: "write",
      requestParams: { path: contactPath, header: ifMatch },
      body: { schema: updateContactBody, description: "The fields to change." },
      responses: {
        200: json("The contact as changed, with its new ETag.", contactSchema, { headers: etagHeader }),
        308: mergedAway,
        409: identifierConflict,
      },
      errors: [400, 404, 412],
    }),
    delete: tokenOperation({
      operationId: "deleteContact",
      tags: ["Contacts"],
      summary: "Delete a contact",
      description: "Moves the contact to Trash: from then on it answers 404 everywhere in the API, its phones, e-mails and external IDs stay reserved (a create with one answers 409), and it is deleted for good after SWITCHBOARD_TRASH_DAYS (30) days unless an admin restores it. With `If-Match`, only if the contact is still the version read.",
      scope: "write",
      requestParams: { path: contactPath, header: ifMatch },
      responses: { 204: noContent("Deleted."), 308: mergedAway },
      errors: [400, 404, 412],
    }),
  },
  "/contacts/batch": {
    post: tokenOperation({
      operationId: "batchContacts",
      tags: ["Contacts"],
      summary: "Create or update contacts in a batch",
      description: `1 to ${BATCH_LIMIT} contacts, each created, or updated as by PATCH when its \`contact_id\` names an existing contact (or one merged into another), each in its own transaction: one bad item fails only itself and is answered in its own \`results[i]\`. More than ${BATCH_LIMIT} items: 422.`,
      scope: "write",
      idempotent: true,
      body: {
        schema: contactBatchBody,
        description: "The items. The envelope is checked first; each item then on its own.",
        example: { items: [{ contact_id: "CRM-1042", job_title: "Engineer" }, { first_name: "Grace", emails: ["grace@example.com"] }] },
      },
      responses: {
        200: json("Every item's result, in order.", batchAnswerSchema, {
          example: {
            results: [
              { status: "error", error: { code: "validation_failed", message: "Please correct the fields named in details.", details: { "emails.0": ["Enter a valid e-mail address."] } } },
            ],
          },
        }),
      },
    }),
  },
  "/contacts/merge": {
    post: tokenOperation({
      operationId: "mergeContacts",
      tags: ["Contacts"],
      summary: "Merge contacts",
      description:
        "Merges `others` into `primary` by the merge rules (the drawer's merge): each field keeps the primary's value, else the first other's that has one, unless `fields` chooses; phones, e-mails, tags, links, notes and the timeline are joined. The merged-away Contact IDs then answer 308 to the primary. With `dry_run`, answers the preview and changes nothing.",
      scope: "write",
      idempotent: true,
      body: { schema: mergeBody, description: "Who is merged into whom, and the values to keep." },
      responses: {
        200: json("The merged contact (with its ETag), or with `dry_run` the preview (without).", z.union([contactSchema, mergePreviewSchema]), {
          headers: z.object({ ETag: etagHeader.shape.ETag.optional() }),
        }),
        409: mergeConflict,
      },
      errors: [404],
    }),
  },
};
