import { z } from "zod";
import { LEAD_STAGES } from "@/db/schema/enums";
import { eventFields } from "@/lib/contacts/events";

export const INBOUND_CHANNELS = ["whatsapp", "phone", "sms", "email", "webchat", "facebook"] as const;
export type InboundChannel = (typeof INBOUND_CHANNELS)[number];

export const CHANNEL_NAMES: Record<InboundChannel, string> = { whatsapp: "WhatsApp", phone: "Phone", sms: "SMS", email: "E-mail", webchat: "Web chat", facebook: "Facebook" };

/** The channel an inbound message's timeline event came through (its payload says), by name; null for other events. */
export function channelOf(payload: Record<string, unknown>): string | null {
  const channel = payload.channel;
  return typeof channel === "string" && (INBOUND_CHANNELS as readonly string[]).includes(channel) ? CHANNEL_NAMES[channel as InboundChannel] : null;
}

// Raw strings, capped only against abuse: the value module checks each (the same rules as every door).
const raw = (max: number) => z.string().max(max, `That is too long: use at most ${max} characters.`);

/** The body of POST /api/v1/inbound, in the API's snake_case. */
export const inboundBody = z.object({
  channel: z.enum(INBOUND_CHANNELS, `Use one of: ${INBOUND_CHANNELS.join(", ")}.`).meta({ example: "whatsapp" }),
  from: raw(320)
    .min(1, "Say who the message is from.")
    .meta({
      description:
        "Who sent it: the phone number (whatsapp, phone, sms; E.164, or WhatsApp's digits without +), the e-mail address (email), the web chat visitor id (webchat) or the Facebook id (facebook).",
      example: "5511987654321",
    }),
  message_id: raw(255)
    .min(1, "Give the channel's id of the message.")
    .meta({ description: "The channel's id of the message: a repeated delivery with the same channel and message_id answers the first answer and writes nothing.", example: "wamid.HBgLNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMDk" }),
  occurred_at: eventFields.occurredAt.optional().meta({ description: "When it was sent (ISO 8601 with a time zone); now when left out.", example: "2026-12-07T09:30:00Z" }),
  text: raw(100_000).optional().meta({ description: "The message; its first 500 characters go on the timeline.", example: "Hi! Is my order on its way?" }),
  name: raw(400).optional().meta({ description: "The sender's name, when the channel knows it.", example: "Ana Souza" }),
  email: raw(320).optional().meta({ description: "An e-mail address the sender gave.", example: "ana@example.com" }),
  phone: raw(64).optional().meta({ description: "A phone number the sender gave.", example: "+5511987654321" }),
});
export type InboundBody = z.output<typeof inboundBody>;

/** What POST /api/v1/inbound answers for a message it took (201 a new contact, 200 a known one). */
export const inboundAnswerSchema = z
  .object({
    contact_id: z.string().meta({ description: "The Contact ID of the contact the message went to." }),
    created: z.boolean().meta({ description: "A new contact (a Lead) was created for the sender." }),
    reactivated: z.boolean().meta({ description: "The contact was archived or in Trash and came back with this message." }),
    lead_stage: z.enum(LEAD_STAGES),
    favorite_agent: z
      .object({ id: z.int(), name: z.string(), email: z.string() })
      .nullable()
      .meta({ description: "The contact's favorite agent, to route the conversation to; null when none." }),
  })
  .meta({ id: "InboundAnswer", examples: [{ contact_id: "C-7Q2M9K4D", created: false, reactivated: false, lead_stage: "customer", favorite_agent: { id: 3, name: "Sam Agent", email: "sam@example.com" } }] });
export type InboundAnswer = z.output<typeof inboundAnswerSchema>;
