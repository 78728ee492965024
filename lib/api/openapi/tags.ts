import type { ZodOpenApiPathsObject } from "zod-openapi";
import { tagSchema } from "@/lib/api/present";
import { json, listOf, tokenOperation } from "./common";

/** /tags (app/api/v1/tags). */
export const tagPaths: ZodOpenApiPathsObject = {
  "/tags": {
    get: tokenOperation({
      operationId: "listTags",
      tags: ["Tags"],
      summary: "List tags",
      description: "Every tag, by name. A contact's `tags` holds tag names.",
      scope: "read",
      responses: { 200: json("Every tag.", listOf(tagSchema)) },
    }),
  },
};
