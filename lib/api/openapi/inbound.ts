import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { inboundAnswerSchema, inboundBody } from "@/lib/inbound/body";
import { json, tokenOperation } from "./common";

/** /inbound (app/api/v1/inbound): messages from the channels. */

const refused = z
  .object({ error: z.object({ code: z.enum(["forbidden", "blocked"]), message: z.string() }) })
  .meta({ id: "InboundRefusedError", description: "The token's scope is too small, or the sender's contact is blocked." });

export const inboundPaths: ZodOpenApiPathsObject = {
  "/inbound": {
    post: tokenOperation({
      operationId: "receiveInbound",
      tags: ["Inbound"],
      summary: "Receive a message from a channel",
      description:
        "For a channel (WhatsApp, phone, SMS, e-mail, web chat, Facebook) to hand over a message. The contact holding the sender's number (E.164; a Brazilian mobile without its ninth digit, Mexico's +52 1 and Argentina's +54 9 forms are the same line), e-mail, or web chat / Facebook id (an external ID of system `webchat` / `facebook`) is found, or a contact with lead stage Lead and source = the channel is created, with the `name`, `email` and `phone` given where nobody else holds them. A web chat visitor without a name is created as \"Guest\" and a pseudonym (\"Guest Amber Falcon\") and sits in the Anonymous segment until a name, e-mail or phone is saved on it. An archived contact is re-activated. The message goes on the timeline (its first 500 characters) and moves the last interaction. A blocked contact's message is refused with 403 `blocked` and counted on the contact; nothing else is written.\n\nThe same `channel` and `message_id` again answers the first answer and writes nothing, however many deliveries arrive and however close together. Messages from one new sender arriving at once create one contact.",
      scope: "write",
      idempotent: true,
      body: {
        schema: inboundBody,
        description: "The message.",
        example: { channel: "whatsapp", from: "5511987654321", message_id: "wamid.HBgLNTUxMTk4NzY1NDMyMRUCABIYFjNFQjBDMDk", text: "Hi! Is my order on its way?", name: "Ana Souza" },
      },
      responses: {
        200: json("The message went to a contact that existed.", inboundAnswerSchema),
        201: json("A contact was created for the sender, and the message went to it.", inboundAnswerSchema),
        403: {
          description: "A token whose scope is too small (`forbidden`), or the sender's contact is blocked (`blocked`): the message was refused and counted.",
          content: { "application/json": { schema: refused, example: { error: { code: "blocked", message: "This contact is blocked: the message was refused and counted on the contact." } } } },
        },
      },
    }),
  },
};
