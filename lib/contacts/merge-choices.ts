import { inArray } from "drizzle-orm";
import { db } from "@/db";
import { users } from "@/db/schema";
import { displayFieldValue } from "./display";
import { systemField } from "./fields";
import type { FieldResolution, MergePlan } from "./merge-plan";
import type { ContactSnapshot } from "./snapshot";

/** A contact a value comes from, named the way the merge cards name it (not by name: duplicates share one). */
export interface ChoiceSource {
  contactId: number;
  contactKey: string;
  /** ISO time, for the reader's own zone. */
  updatedAt: string;
}

/** One value a conflicting field can keep, as the preview offers it. */
export interface MergeChoice {
  /** The contact whose value this is (what an override names). */
  contactId: number;
  /** The value as people read it. */
  value: string;
  sources: ChoiceSource[];
}

/** Names of the users that the plan's user fields (the favorite agent) name, by id. */
export async function userNamesOf(plan: MergePlan): Promise<Record<string, string>> {
  const ids = new Set<number>();
  for (const f of plan.fields) {
    if (f.kind !== "system" || systemField(f.id)?.type !== "user") continue;
    for (const c of f.candidates) ids.add(Number(c.value));
  }
  if (ids.size === 0) return {};
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids]));
  return Object.fromEntries(rows.map((u) => [String(u.id), u.name]));
}

/**
 * The options of a conflicting field: each distinct value with the contacts holding it by Contact ID
 * and last update, since duplicates usually share the very name that would otherwise tell them apart.
 */
export function mergeChoices(field: FieldResolution, contacts: readonly ContactSnapshot[], userNames: Readonly<Record<string, string>>): MergeChoice[] {
  const byId = new Map(contacts.map((s) => [s.contact.id, s.contact]));
  return field.candidates.map((c) => ({
    contactId: c.contactIds[0]!,
    value: displayFieldValue(field.id, c.value, userNames),
    sources: c.contactIds.map((id) => {
      const contact = byId.get(id);
      return { contactId: id, contactKey: contact?.contactKey ?? `#${id}`, updatedAt: new Date(contact?.updatedAt ?? 0).toISOString() };
    }),
  }));
}
