import { z } from "zod";
import { eventFields, MAX_PAYLOAD_BYTES, type EventInput } from "@/lib/contacts/events";

/** The body of POST /api/v1/contacts/{contact_id}/activities: the event's fields, by their rules in lib/contacts/events.ts. */
export const activityBody = z.object({
  type: eventFields.type.meta({ description: "What happened.", example: "order" }),
  occurred_at: eventFields.occurredAt
    .optional()
    .meta({ description: "When it happened (ISO 8601 with a time zone); now when left out.", example: "2025-03-01T14:30:00Z" }),
  summary: eventFields.summary.meta({ description: "One line for the timeline, up to 500 characters.", example: "Order #1042 shipped" }),
  payload: eventFields.payload.optional().meta({
    description: `Any details, as a JSON object of at most ${MAX_PAYLOAD_BYTES} bytes (16 KB) serialized.`,
    example: { order_id: "1042", total: 59.9, currency: "EUR" },
    // Any JSON value in each key: said as "anything" rather than as zod's recursive JSON schema.
    override: { additionalProperties: {} },
  }),
  external_ref: eventFields.externalRef.optional().meta({
    description: "The sending system's id for the event: a second POST with the same one for this contact answers the first event (200) and adds nothing.",
    example: "shop-order-1042-shipped",
  }),
});

export function eventInputOf(contactId: number, body: z.output<typeof activityBody>): EventInput {
  return { contactId, type: body.type, summary: body.summary, occurredAt: body.occurred_at, payload: body.payload, externalRef: body.external_ref };
}
