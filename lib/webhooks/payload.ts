import type { WebhookEventType } from "@/db/schema/webhooks";

/**
 * The body of every webhook request (README "Webhooks"):
 *
 *   { "id": "<event uuid>", "type": "contact.created", "occurred_at": "<ISO 8601>", "data": { "contact_id": "…", … } }
 *
 * `id` is the same on every attempt and Resend of an event, so a receiver can drop repeats.
 */
export interface WebhookPayload {
  id: string;
  type: WebhookEventType;
  occurred_at: string;
  data: Record<string, unknown>;
}

export function webhookBody(event: { id: string; type: WebhookEventType; occurredAt: Date; data: Record<string, unknown> }): string {
  const payload: WebhookPayload = { id: event.id, type: event.type, occurred_at: event.occurredAt.toISOString(), data: event.data };
  return JSON.stringify(payload);
}
