import type { Contact } from "@/db/schema";
import { countryName } from "@/lib/countries";
import { systemField } from "./fields";

/** How a contact is named everywhere (list, profile, merge, messages): its name, else its company, else its Contact ID. */
export function contactDisplayName(c: Pick<Contact, "fullName" | "company" | "contactKey">): string {
  return c.fullName ?? c.company ?? c.contactKey;
}

/**
 * A field's stored value as people read it: enum labels, country names, Yes/No, and a user field
 * (which stores the user's id) as the user's name from `userNames`: never the bare id.
 */
export function displayFieldValue(
  fieldId: string,
  value: string | number | boolean | null | undefined,
  userNames: Readonly<Record<string, string>> = {},
): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  const field = systemField(fieldId);
  if (field?.type === "user") return userNames[String(value)] ?? "Unknown user";
  if (field?.type === "country") return countryName(String(value)) ?? String(value);
  const option = field?.options?.find((o) => o.value === value);
  return option?.label ?? String(value);
}
