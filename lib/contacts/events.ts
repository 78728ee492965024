import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { activities, type Activity } from "@/db/schema";
import type { ActivityType } from "@/db/schema/enums";
import type { Actor } from "@/lib/audit";
import { requiredText } from "@/lib/fields/schema";
import { refuseControlChars, TEXT_LIMITS } from "@/lib/fields/text";
import { addActivities } from "./activity";
import { writeContact } from "./write";

/**
 * Events other systems add to a contact's timeline (SPEC §2, §7): calls, messages, orders, tasks,
 * tickets and anything else as `custom`. The timeline's own events (created, merged, tagged…) are
 * the app's to write.
 */
export const EVENT_TYPES = ["call", "message", "order", "task", "ticket", "custom"] as const satisfies readonly ActivityType[];
export type EventType = (typeof EVENT_TYPES)[number];

/** What counts as talking to the person: these move `last_interaction_at`; an order or a task does not. */
const INTERACTIONS: ReadonlySet<ActivityType> = new Set<ActivityType>(["call", "message"]);

export const MAX_PAYLOAD_BYTES = 16 * 1024;
/** Clock skew between the sender and us, not events dated in the future. */
const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;

const payloadSchema = z
  .record(z.string(), z.json(), "Send the payload as a JSON object.")
  .superRefine(refuseControlChars("The payload"))
  .superRefine((payload, ctx) => {
    const bytes = Buffer.byteLength(JSON.stringify(payload), "utf8");
    if (bytes > MAX_PAYLOAD_BYTES) {
      ctx.addIssue({ code: "custom", message: `The payload is ${bytes} bytes as JSON; keep it within ${MAX_PAYLOAD_BYTES} bytes (16 KB).` });
    }
  });

/** The fields of an event, one rule each, for every door that adds one (the API's body names them in snake_case). */
export const eventFields = {
  type: z.enum(EVENT_TYPES, `Use one of: ${EVENT_TYPES.join(", ")}.`),
  summary: requiredText({ max: TEXT_LIMITS.summary }, "Write a summary of the event."),
  occurredAt: z.iso
    .datetime({ offset: true, error: "Give the time as ISO 8601 with a time zone, e.g. 2025-03-01T14:30:00Z." })
    .transform((iso) => new Date(iso))
    .refine((date) => date.getTime() <= Date.now() + FUTURE_SLACK_MS, "This time is in the future; give the time the event happened."),
  payload: payloadSchema,
  externalRef: requiredText({ max: TEXT_LIMITS.externalRef }, "Leave the external reference out, or give it a value."),
};

export interface EventInput {
  contactId: number;
  type: EventType;
  summary: string;
  /** Now when left out. */
  occurredAt?: Date;
  payload?: Record<string, unknown>;
  externalRef?: string;
}

export type ContactEvent = Pick<Activity, "id" | "type" | "summary" | "occurredAt" | "payload" | "externalRef">;

export interface EventAdded {
  event: ContactEvent;
  /** False when the contact already held the event's `externalRef`: `event` is then the first one. */
  created: boolean;
}

/**
 * Adds an event to a contact's timeline. With an `externalRef` the contact already holds, nothing is
 * added and the first event is answered (`created: false`): a sender may retry without doubling it,
 * and the unique index makes that hold for concurrent retries too. A call or a message moves the
 * contact's last interaction forward to its time (never back: an old call sent late changes nothing).
 */
export async function addContactEvent(input: EventInput, actor: Actor): Promise<EventAdded> {
  return writeContact<EventAdded>({
    contactId: input.contactId,
    actor,
    action: "contact.activity.add",
    run: async (tx, before) => {
      const [added] = await addActivities(tx, input.contactId, actor, [input]);
      if (!added) {
        const [first] = await tx
          .select()
          .from(activities)
          .where(and(eq(activities.contactId, input.contactId), eq(activities.externalRef, input.externalRef!)));
        return { unchanged: true, result: { event: first!, created: false } };
      }
      const last = before.contact.lastInteractionAt;
      const moves = INTERACTIONS.has(added.type) && (!last || last < added.occurredAt);
      return { patch: moves ? { lastInteractionAt: added.occurredAt } : undefined, result: { event: added, created: true } };
    },
  });
}
