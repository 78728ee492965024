import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { contactIdParam } from "@/lib/api/params";
import { contactPageSchema, contactSchema } from "@/lib/api/present";
import { contactPageInput } from "@/lib/contacts/pages";
import { json, mergedAway, tokenOperation } from "./common";

/** /contacts and /contacts/{contact_id} (app/api/v1/contacts). */
export const contactPaths: ZodOpenApiPathsObject = {
  "/contacts": {
    get: tokenOperation({
      operationId: "listContacts",
      tags: ["Contacts"],
      summary: "List contacts",
      description:
        "Contacts in pages, in the order they were created, optionally narrowed by the quick search `q`. Walk a whole set by passing each page's `next_cursor` as `cursor`: contacts created meanwhile neither repeat nor shift a page.",
      scope: "read",
      requestParams: { query: contactPageInput },
      responses: { 200: json("A page of contacts.", contactPageSchema) },
      errors: [400],
    }),
  },
  "/contacts/{contact_id}": {
    get: tokenOperation({
      operationId: "getContact",
      tags: ["Contacts"],
      summary: "Get a contact",
      description: "One contact by its Contact ID, with its phones, e-mails, external ids, links, tags and custom attribute values.",
      scope: "read",
      requestParams: { path: z.object({ contact_id: contactIdParam }) },
      responses: {
        200: json("The contact. `ETag` changes whenever the contact does.", contactSchema, {
          headers: z.object({ ETag: z.string().meta({ description: "A strong validator of the body.", example: '"3q2-7wEjQmGq0vZb1mY0l8c5bXo"' }) }),
        }),
        308: mergedAway,
      },
      errors: [404],
    }),
  },
};
