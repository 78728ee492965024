import { displayFieldValue } from "./display";
import type { FieldResolution } from "./merge-plan";
import type { ContactSnapshot } from "./snapshot";

// Pure, for the browser: the drawer builds its options from the preview (merge-user-names.ts loads the names).

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
