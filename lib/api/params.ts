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

/** A link's id in a path (app/api/v1/contacts/[contactId]/links/[linkId]): what `parseRouteId` reads; anything else is a 404. */
export const linkIdParam = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/)
  .meta({ description: "The link's id (the `id` of a link in GET /contacts/{contact_id}/links).", example: "12" });

/** A merge's id in a path (app/api/v1/contacts/[contactId]/merges/[mergeId]/undo): anything else is a 404. */
export const mergeIdParam = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/)
  .meta({ description: "The merge's id (the `id` of a merge in GET /contacts/{contact_id}/merges).", example: "31" });
