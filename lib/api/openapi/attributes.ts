import type { ZodOpenApiPathsObject } from "zod-openapi";
import { attributeSchema } from "@/lib/api/present";
import { json, listOf, tokenOperation } from "./common";

/** /attributes (app/api/v1/attributes). */
export const attributePaths: ZodOpenApiPathsObject = {
  "/attributes": {
    get: tokenOperation({
      operationId: "listAttributes",
      tags: ["Attributes"],
      summary: "List custom attributes",
      description: "The custom attribute definitions, in their order: the keys and types of a contact's `attributes`.",
      scope: "read",
      responses: { 200: json("Every custom attribute definition.", listOf(attributeSchema)) },
    }),
  },
};
