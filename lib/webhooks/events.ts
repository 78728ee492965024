import type { WebhookEventType } from "@/db/schema/webhooks";

/**
 * Which audit entries are webhook events, and what each event says. Pure, so the outbox
 * (./outbox.ts) and the tests read the same table.
 *
 * Every domain change records its audit entry inside its own transaction (lib/audit.ts); the outbox
 * rides on that, so an event exists exactly when its change committed.
 */
const CONTACT_EVENTS: Record<string, WebhookEventType> = {
  "contact.create": "contact.created",
  "contact.merge": "contact.merged",
  "contact.delete": "contact.deleted",
  "contact.block": "contact.blocked",
  "contact.unblock": "contact.unblocked",
  // What a receiver can see on the record changed: fields, identifiers, tags, attributes, links,
  // archiving. Notes and timeline entries are not the record, and send nothing.
  "contact.update": "contact.updated",
  "contact.phone.add": "contact.updated",
  "contact.email.add": "contact.updated",
  "contact.phone.remove": "contact.updated",
  "contact.email.remove": "contact.updated",
  "contact.phone.primary": "contact.updated",
  "contact.email.primary": "contact.updated",
  "contact.tag.add": "contact.updated",
  "contact.tag.remove": "contact.updated",
  "contact.attribute.set": "contact.updated",
  "contact.link.add": "contact.updated",
  "contact.link.remove": "contact.updated",
  "contact.archive": "contact.updated",
  "contact.unarchive": "contact.updated",
  // Back from Trash (bulk Restore sends the same, lib/bulk/apply.ts).
  "contact.restore": "contact.updated",
  // An inbound message moves the last interaction, and may re-activate the contact or give it a name, e-mail or phone.
  "contact.inbound": "contact.updated",
};

/** The event type of an audit action recorded one at a time, or null when it sends nothing. */
export function webhookEventOf(action: string): WebhookEventType | null {
  return Object.hasOwn(CONTACT_EVENTS, action) ? CONTACT_EVENTS[action]! : null;
}

export interface AuditLike {
  action: string;
  before?: unknown;
  after?: unknown;
}

export interface PendingEvent {
  type: WebhookEventType;
  data: WebhookEventData;
}

/**
 * A payload's `data` (documented in README "Webhooks"): small on purpose — the receiver fetches
 * the record through /api/v1 if it wants more. `contact_id` is the human Contact ID.
 */
export interface WebhookEventData {
  contact_id?: string;
  /** contact.merged: the Contact IDs that were merged into `contact_id` and no longer exist. */
  merged_contact_ids?: string[];
  /**
   * contact.created by a merge undo: the contact `contact_id` had been merged into, and has left
   * again (its own Contact ID, as before the merge); that contact gets a contact.updated.
   */
  unmerged_from?: string;
  /** import.completed */
  import_id?: string;
  file_name?: string;
  created?: number;
  merged?: number;
  skipped?: number;
  failed?: number;
}

interface SnapshotLike {
  contact?: { contactKey?: unknown; id?: unknown };
}

function keyOf(snapshot: unknown): string | undefined {
  const key = (snapshot as SnapshotLike | null | undefined)?.contact?.contactKey;
  return typeof key === "string" ? key : undefined;
}

/**
 * The events an audit entry written by `recordAudit` stands for (most stand for one or none). A
 * merge undo (lib/contacts/merge-undo.ts) stands for one contact.created per contact back under its
 * own Contact ID, with `unmerged_from`, and a contact.updated for the contact it left: to a receiver
 * that was told those Contact IDs were merged away, they exist again, and the primary changed.
 */
export function webhookEventsFor(entry: AuditLike): PendingEvent[] {
  if (entry.action === "contact.merge_undo") {
    const after = entry.after as { contactKey?: unknown; restoredContactKeys?: unknown[] } | null;
    const primary = typeof after?.contactKey === "string" ? after.contactKey : undefined;
    if (!primary) return [];
    const restored = (after?.restoredContactKeys ?? []).filter((k): k is string => typeof k === "string");
    return [
      ...restored.map((key): PendingEvent => ({ type: "contact.created", data: { contact_id: key, unmerged_from: primary } })),
      { type: "contact.updated", data: { contact_id: primary } },
    ];
  }
  const event = webhookEventFor(entry);
  return event ? [event] : [];
}

/** The event of an audit action recorded one at a time that stands for one event (or none). */
export function webhookEventFor(entry: AuditLike): PendingEvent | null {
  const type = webhookEventOf(entry.action);
  if (!type) return null;
  if (type === "contact.merged") {
    // before: { primaryId, contacts: snapshots }, after: { contact: snapshot, mergedContactIds } (lib/contacts/merge.ts)
    const after = entry.after as { contact?: unknown; mergedContactIds?: unknown[] } | null;
    const merged = new Set((after?.mergedContactIds ?? []).map(Number));
    const before = (entry.before as { contacts?: SnapshotLike[] } | null)?.contacts ?? [];
    const mergedKeys = before.filter((s) => merged.has(Number(s.contact?.id))).map(keyOf).filter((k): k is string => k !== undefined);
    const key = keyOf(after?.contact);
    return key ? { type, data: { contact_id: key, merged_contact_ids: mergedKeys } } : null;
  }
  const key = keyOf(entry.after) ?? keyOf(entry.before);
  return key ? { type, data: { contact_id: key } } : null;
}
