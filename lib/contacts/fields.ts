import type { Contact } from "@/db/schema";
import {
  CONTACT_STATUSES,
  LEAD_STAGES,
  SOURCE_CHANNELS,
  SUBSCRIPTION_STATUSES,
  type ContactStatus,
  type LeadStage,
  type SourceChannel,
  type SubscriptionStatus,
} from "@/db/schema/enums";

/**
 * Every system field of a contact, once: the list's columns, the profile's editors, filters, import
 * and export all read this registry, so a field added here is available everywhere.
 */
export type FieldType =
  | "text"
  | "enum"
  | "timestamp"
  | "boolean"
  | "country"
  | "user"
  | "phones"
  | "emails"
  | "tags"
  | "name";

export interface Option {
  value: string;
  label: string;
}

export interface SystemField {
  id: string;
  label: string;
  type: FieldType;
  options?: readonly Option[];
  /** Editable in the profile's Attributes section. */
  editable: boolean;
  group: "identity" | "work" | "address" | "billing" | "profile" | "state" | "identifiers" | "dates";
}

export const LEAD_STAGE_LABELS: Record<LeadStage, string> = {
  lead: "Lead",
  contact: "Contact",
  opportunity: "Opportunity",
  customer: "Customer",
};
export const STATUS_LABELS: Record<ContactStatus, string> = { active: "Active", inactive: "Inactive" };
export const SUBSCRIPTION_LABELS: Record<SubscriptionStatus, string> = {
  not_set: "Not set",
  subscribed: "Subscribed",
  unsubscribed: "Unsubscribed",
};
export const SOURCE_LABELS: Record<SourceChannel, string> = {
  web_chat: "Web chat",
  email: "Email",
  whatsapp: "WhatsApp",
  facebook: "Facebook",
  phone: "Phone",
  sms: "SMS",
  import: "Import",
  api: "API",
  manual: "Manual",
  integration: "Integration",
};

const options = <T extends string>(values: readonly T[], labels: Record<T, string>): Option[] =>
  values.map((value) => ({ value, label: labels[value] }));

export const SYSTEM_FIELDS = [
  { id: "name", label: "Name", type: "name", editable: false, group: "identity" },
  { id: "contactKey", label: "Contact ID", type: "text", editable: false, group: "identity" },
  { id: "firstName", label: "First name", type: "text", editable: true, group: "identity" },
  { id: "middleName", label: "Middle name", type: "text", editable: true, group: "identity" },
  { id: "lastName", label: "Last name", type: "text", editable: true, group: "identity" },
  { id: "phones", label: "Phone", type: "phones", editable: false, group: "identifiers" },
  { id: "emails", label: "Email", type: "emails", editable: false, group: "identifiers" },
  { id: "company", label: "Company", type: "text", editable: true, group: "work" },
  { id: "jobTitle", label: "Job title", type: "text", editable: true, group: "work" },
  { id: "industry", label: "Industry", type: "text", editable: true, group: "work" },
  { id: "website", label: "Website", type: "text", editable: true, group: "work" },
  { id: "street", label: "Street", type: "text", editable: true, group: "address" },
  { id: "city", label: "City", type: "text", editable: true, group: "address" },
  { id: "region", label: "Region", type: "text", editable: true, group: "address" },
  { id: "postalCode", label: "Postal code", type: "text", editable: true, group: "address" },
  { id: "country", label: "Country", type: "country", editable: true, group: "address" },
  { id: "billingStreet", label: "Billing street", type: "text", editable: true, group: "billing" },
  { id: "billingCity", label: "Billing city", type: "text", editable: true, group: "billing" },
  { id: "billingRegion", label: "Billing region", type: "text", editable: true, group: "billing" },
  { id: "billingPostalCode", label: "Billing postal code", type: "text", editable: true, group: "billing" },
  { id: "billingCountry", label: "Billing country", type: "country", editable: true, group: "billing" },
  { id: "language", label: "Language", type: "text", editable: true, group: "profile" },
  { id: "timeZone", label: "Time zone", type: "text", editable: true, group: "profile" },
  { id: "leadStage", label: "Lead stage", type: "enum", options: options(LEAD_STAGES, LEAD_STAGE_LABELS), editable: true, group: "state" },
  { id: "status", label: "Status", type: "enum", options: options(CONTACT_STATUSES, STATUS_LABELS), editable: true, group: "state" },
  { id: "subscription", label: "Subscription", type: "enum", options: options(SUBSCRIPTION_STATUSES, SUBSCRIPTION_LABELS), editable: true, group: "state" },
  { id: "source", label: "Source", type: "enum", options: options(SOURCE_CHANNELS, SOURCE_LABELS), editable: false, group: "state" },
  { id: "favoriteAgent", label: "Favorite agent", type: "user", editable: true, group: "state" },
  { id: "tags", label: "Tags", type: "tags", editable: false, group: "state" },
  { id: "blocked", label: "Blocked", type: "boolean", editable: false, group: "state" },
  { id: "blockedAt", label: "Blocked at", type: "timestamp", editable: false, group: "state" },
  { id: "archived", label: "Archived", type: "boolean", editable: false, group: "state" },
  { id: "archivedAt", label: "Archived at", type: "timestamp", editable: false, group: "state" },
  { id: "anonymous", label: "Anonymous visitor", type: "boolean", editable: false, group: "state" },
  { id: "lastInteractionAt", label: "Last interaction", type: "timestamp", editable: false, group: "dates" },
  { id: "createdAt", label: "Created", type: "timestamp", editable: false, group: "dates" },
  { id: "updatedAt", label: "Updated", type: "timestamp", editable: false, group: "dates" },
] as const satisfies readonly SystemField[];

export type SystemFieldId = (typeof SYSTEM_FIELDS)[number]["id"];

const BY_ID = new Map<string, SystemField>(SYSTEM_FIELDS.map((f) => [f.id, f]));

export function systemField(id: string): SystemField | undefined {
  return BY_ID.get(id);
}

/** Field id → `contacts` key, where they differ: a user field stores the user's id. */
const KEY_OF: Partial<Record<string, keyof Contact>> = { favoriteAgent: "favoriteAgentId" };

/** The `contacts` key (Drizzle's camelCase) that stores a system field. Only system field ids get here. */
export function columnOf(id: string): keyof Contact {
  return KEY_OF[id] ?? (id as keyof Contact);
}

/** The SQL column (snake_case) that stores a system field, for raw SQL over `c`. */
export function sqlColumnOf(id: string): string {
  return columnOf(id).replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
}
