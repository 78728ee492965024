import { asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/db";
import { contactAttributeValues, contactEmails, contactPhones, contacts, contactTags, tags, users } from "@/db/schema";
import { formatLocalTime } from "@/lib/local-time";
import { formatPhone } from "@/lib/phone";
import type { ListColumn } from "./columns";
import { contactDisplayName } from "./display";
import { LEAD_STAGE_LABELS, SOURCE_LABELS, STATUS_LABELS, SUBSCRIPTION_LABELS } from "./fields";

export interface TagCell {
  name: string;
  color: string;
}
export interface StatusCell {
  status: string;
  blocked: boolean;
  archived: boolean;
}
/** A moment, shown in the reader's time zone (components/ui/local-time.tsx): the server does not know it. */
export interface TimeCell {
  at: string;
}
export type Cell = string | string[] | TagCell[] | StatusCell | TimeCell | null;

/** One list row, already formatted for display (the same text on the server and in the browser; times as ISO, for the browser's zone). */
export interface ContactListRow {
  id: number;
  name: string;
  cells: Record<string, Cell>;
}


function enumLabel(id: string, value: string): string {
  const labels: Record<string, Record<string, string>> = {
    leadStage: LEAD_STAGE_LABELS,
    status: STATUS_LABELS,
    subscription: SUBSCRIPTION_LABELS,
    source: SOURCE_LABELS,
  };
  return labels[id]?.[value] ?? value;
}

/** Loads and formats the given contacts for the list, in the order of `ids`, with only the `visible` columns. */
export async function loadListRows(exec: Executor, ids: number[], visible: readonly ListColumn[]): Promise<ContactListRow[]> {
  if (ids.length === 0) return [];
  const wants = new Set(visible.map((c) => c.id));
  const attributeIds = visible.flatMap((c) => (c.attribute ? [c.attribute.id] : []));
  const [base, phones, emails, tagRows, values] = await Promise.all([
    exec
      .select({ contact: contacts, agent: users.name })
      .from(contacts)
      .leftJoin(users, eq(users.id, contacts.favoriteAgentId))
      .where(inArray(contacts.id, ids)),
    wants.has("phones")
      ? exec
          .select({ contactId: contactPhones.contactId, e164: contactPhones.e164, primary: contactPhones.isPrimary })
          .from(contactPhones)
          .where(inArray(contactPhones.contactId, ids))
          .orderBy(asc(contactPhones.id))
      : [],
    wants.has("emails")
      ? exec
          .select({ contactId: contactEmails.contactId, email: contactEmails.email, primary: contactEmails.isPrimary })
          .from(contactEmails)
          .where(inArray(contactEmails.contactId, ids))
          .orderBy(asc(contactEmails.id))
      : [],
    wants.has("tags")
      ? exec
          .select({ contactId: contactTags.contactId, name: tags.name, color: tags.color })
          .from(contactTags)
          .innerJoin(tags, eq(tags.id, contactTags.tagId))
          .where(inArray(contactTags.contactId, ids))
          .orderBy(asc(tags.name))
      : [],
    attributeIds.length
      ? exec
          .select()
          .from(contactAttributeValues)
          .where(inArray(contactAttributeValues.contactId, ids))
      : [],
  ]);
  const byId = new Map(base.map((b) => [b.contact.id, b]));
  return ids.flatMap((id) => {
    const entry = byId.get(id);
    if (!entry) return [];
    const c = entry.contact;
    const cells: Record<string, Cell> = {};
    for (const column of visible) {
      const key = column.id;
      if (key === "name") cells[key] = contactDisplayName(c);
      else if (key === "phones")
        cells[key] = phones.filter((p) => p.contactId === id).sort((a, b) => Number(b.primary) - Number(a.primary)).map((p) => formatPhone(p.e164));
      else if (key === "emails")
        cells[key] = emails.filter((e) => e.contactId === id).sort((a, b) => Number(b.primary) - Number(a.primary)).map((e) => e.email);
      else if (key === "tags") cells[key] = tagRows.filter((t) => t.contactId === id).map(({ name, color }) => ({ name, color }));
      else if (key === "status") cells[key] = { status: STATUS_LABELS[c.status], blocked: c.blocked, archived: c.archived };
      else if (key === "favoriteAgent") cells[key] = entry.agent;
      else if (column.attribute) {
        const v = values.find((x) => x.contactId === id && x.attributeId === column.attribute!.id);
        const raw = v ? (v.textValue ?? v.numberValue ?? v.dateValue ?? (v.boolValue === null ? null : v.boolValue ? "Yes" : "No")) : null;
        // A date attribute is a calendar day, not a moment: the same day in every zone.
        cells[key] = column.attribute.type === "date" && raw ? formatLocalTime(new Date(`${raw}T00:00:00Z`), "date", "UTC") : raw;
      } else {
        const value = (c as Record<string, unknown>)[key];
        if (value instanceof Date) cells[key] = { at: value.toISOString() };
        else if (typeof value === "boolean") cells[key] = value ? "Yes" : "No";
        else if (typeof value === "string") cells[key] = column.kind === "text" ? enumLabel(key, value) : value;
        else cells[key] = null;
      }
    }
    return [{ id, name: contactDisplayName(c), cells }];
  });
}
