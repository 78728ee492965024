import type { ZodOpenApiPathsObject } from "zod-openapi";
import { userSchema } from "@/lib/api/present";
import { json, listOf, tokenOperation } from "./common";

/** /users (app/api/v1/users). */
export const userPaths: ZodOpenApiPathsObject = {
  "/users": {
    get: tokenOperation({
      operationId: "listUsers",
      tags: ["Users"],
      summary: "List users",
      description: "Active users, for setting a contact's `favorite_agent_id`.",
      scope: "read",
      responses: { 200: json("Every active user.", listOf(userSchema)) },
    }),
  },
};
