import { createHash } from "node:crypto";
import type { Activity, AttributeDefinition, Tag } from "@/db/schema";
import { EVENT_TYPES } from "@/lib/contacts/events";
import type { LinkView } from "@/lib/contacts/links";
import type { NoteView } from "@/lib/contacts/notes";
import type { ContactSnapshot } from "@/lib/contacts/snapshot";
import type { StaffMember } from "@/lib/users/directory";

/**
 * What /api/v1 answers: the domain's records in snake_case. Internal columns (the row id, search
 * documents) stay out; a contact is named by its Contact ID.
 */

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const HIDDEN_CONTACT_COLUMNS = new Set(["id", "contactKey", "searchDoc", "searchKey", "attrWords"]);

export function presentContact(s: ContactSnapshot) {
  const fields = Object.fromEntries(Object.entries(s.contact).flatMap(([key, value]) => (HIDDEN_CONTACT_COLUMNS.has(key) ? [] : [[snake(key), value]])));
  return {
    contact_id: s.contact.contactKey,
    ...fields,
    phones: s.phones.map((p) => ({ phone: p.e164, label: p.label, is_primary: p.isPrimary })),
    emails: s.emails.map((e) => ({ email: e.email, label: e.label, is_primary: e.isPrimary })),
    external_ids: s.externalIds.map((x) => ({ system: x.system, external_id: x.externalId })),
    links: s.links.map(presentLink),
    tags: s.tags.map((t) => t.name),
    attributes: Object.fromEntries(Object.entries(s.attributes).map(([key, a]) => [key, a.value])),
    note_count: s.noteCount,
    activity_count: s.activityCount,
  };
}

export function presentLink(l: LinkView) {
  return { id: l.id, label: l.label, url: l.url };
}

export function presentNote(n: Pick<NoteView, "id" | "body" | "createdAt"> & { authorName?: string | null }) {
  return { id: n.id, body: n.body, created_at: n.createdAt, author: n.authorName ?? null };
}

const SENT_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

/**
 * A timeline event. The payload is shown for the events other systems send (it is theirs); the
 * app's own events (created, tagged, merged…) keep theirs to themselves: it holds internal row ids.
 */
export function presentEvent(e: Pick<Activity, "id" | "type" | "summary" | "occurredAt" | "payload" | "externalRef">) {
  return {
    id: e.id,
    type: e.type,
    occurred_at: e.occurredAt,
    summary: e.summary,
    payload: SENT_TYPES.has(e.type) ? e.payload : {},
    external_ref: e.externalRef,
  };
}

export function presentTag(t: Pick<Tag, "id" | "name" | "color">) {
  return { id: t.id, name: t.name, color: t.color };
}

export function presentAttribute(d: AttributeDefinition) {
  return { key: d.key, label: d.label, type: d.type, options: d.options, position: d.position };
}

export function presentUser(u: StaffMember) {
  return { id: u.id, name: u.name, email: u.email, role: u.role };
}

/** A strong validator of a JSON body: the same record always gives the same tag, any change another. */
export function etagOf(body: unknown): string {
  return `"${createHash("sha256").update(JSON.stringify(body)).digest("base64url").slice(0, 27)}"`;
}

/** The headers every /api/v1 JSON answer carries: nothing an integration reads may be cached by a proxy. */
export const API_HEADERS = { "cache-control": "no-store" } as const;
