import { and, desc, eq, lt, or, sql } from "drizzle-orm";
import { db, type Executor } from "@/db";
import { activities, users } from "@/db/schema";
import type { ActivityType } from "@/db/schema/enums";
import type { Activity } from "@/db/schema";
import type { Actor } from "@/lib/audit";

export interface ActivityInput {
  type: ActivityType;
  summary: string;
  payload?: Record<string, unknown>;
  occurredAt?: Date;
  /** The sending system's id for the event (lib/contacts/events.ts): one event per ref and contact. */
  externalRef?: string;
}

export const ACTIVITY_LABELS: Record<ActivityType, string> = {
  call: "Call",
  message: "Message",
  conversation: "Conversation",
  order: "Order",
  task: "Task",
  ticket: "Ticket",
  note: "Note",
  created: "Created",
  edited: "Edited",
  status_change: "Status",
  blocked: "Blocked",
  unblocked: "Unblocked",
  archived: "Archived",
  unarchived: "Unarchived",
  tagged: "Tagged",
  untagged: "Untagged",
  assigned: "Assigned",
  merged: "Merged",
  merge_undone: "Merge undone",
  imported: "Imported",
  trashed: "Moved to Trash",
  restored: "Restored",
  custom: "Event",
};

/**
 * Adds events to a contact's timeline; call it inside the write's transaction. Answers the rows
 * added: an event whose `externalRef` the contact already holds is not added (the unique index
 * `activities_contact_external_ref_key` decides, so two concurrent writers cannot both add it).
 */
export async function addActivities(tx: Executor, contactId: number, actor: Actor, items: ActivityInput[]): Promise<Activity[]> {
  if (items.length === 0) return [];
  return tx
    .insert(activities)
    .values(
      items.map((a) => ({
        contactId,
        type: a.type,
        summary: a.summary,
        payload: a.payload ?? {},
        actorId: actor.id,
        ...(a.occurredAt ? { occurredAt: a.occurredAt } : {}),
        ...(a.externalRef ? { externalRef: a.externalRef } : {}),
      })),
    )
    // The only unique index an insert here can meet is the external ref's (ids come from a sequence).
    .onConflictDoNothing()
    .returning();
}

export interface TimelineEntry {
  id: number;
  type: ActivityType;
  summary: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
  externalRef: string | null;
  actorName: string | null;
}

export interface TimelinePage {
  entries: TimelineEntry[];
  /** The id to pass as `before` for the next (older) page, or null at the end. */
  olderCursor: number | null;
}

export const TIMELINE_PAGE_SIZE = 20;

/**
 * The contact's timeline, newest first, a page at a time. Keyset pagination on (occurred_at, id)
 * so that a contact with thousands of events pages as fast as one with ten. A `before` that names
 * no event of this contact gives an empty page: an edited or forged cursor never restarts the walk.
 */
export async function listTimeline(
  contactId: number,
  options: { before?: number | null; limit?: number } = {},
  exec: Executor = db,
): Promise<TimelinePage> {
  const limit = options.limit ?? TIMELINE_PAGE_SIZE;
  let cursor: { occurredAt: Date; id: number } | undefined;
  if (options.before) {
    [cursor] = await exec
      .select({ occurredAt: activities.occurredAt, id: activities.id })
      .from(activities)
      .where(and(eq(activities.id, options.before), eq(activities.contactId, contactId)));
    if (!cursor) return { entries: [], olderCursor: null };
  }
  const rows = await exec
    .select({
      id: activities.id,
      type: activities.type,
      summary: activities.summary,
      occurredAt: activities.occurredAt,
      payload: activities.payload,
      externalRef: activities.externalRef,
      actorName: users.name,
    })
    .from(activities)
    .leftJoin(users, eq(users.id, activities.actorId))
    .where(
      and(
        eq(activities.contactId, contactId),
        cursor
          ? or(
              lt(activities.occurredAt, cursor.occurredAt),
              and(eq(activities.occurredAt, cursor.occurredAt), lt(activities.id, cursor.id)),
            )
          : sql`true`,
      ),
    )
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit);
  return { entries, olderCursor: rows.length > limit ? entries[entries.length - 1]!.id : null };
}
