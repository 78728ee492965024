import { z } from "zod";

/**
 * Path parameters of /api/v1, shared by the routes that parse them and the OpenAPI document that
 * describes them (lib/api/openapi).
 */

/** A Contact ID in a path. Loose on purpose: an id that no contact has answers 404, not 400. */
export const contactIdParam = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .meta({ description: "The contact's Contact ID. A merged-away one answers 308 to the contact it was merged into.", example: "C-7Q2M9K4D" });
