import type { SystemField } from "@/lib/contacts/fields";
import { normalizeKey } from "./normalize-key";
import type { Parsed } from "./parsed";
import { FALSE_WORDS, TRUE_WORDS } from "./typed-values";

/**
 * Values of the enum system fields as other tools write them, beyond our own values and labels.
 * HubSpot's lifecycle stages map onto ours, ordered Lead < Contact < Opportunity < Customer:
 * subscriber, lead and marketing-qualified lead are leads; a sales-qualified lead is a contact
 * sales has accepted; evangelists are customers; "other" is the neutral default, contact.
 */
const ENUM_SYNONYMS: Record<string, Record<string, string>> = {
  leadStage: {
    subscriber: "lead",
    marketingqualifiedlead: "lead",
    mql: "lead",
    prospect: "lead",
    new: "lead",
    salesqualifiedlead: "contact",
    sql: "contact",
    qualified: "contact",
    deal: "opportunity",
    evangelist: "customer",
    client: "customer",
    other: "contact",
  },
  status: { enabled: "active", disabled: "inactive" },
  subscription: {
    optedin: "subscribed",
    optin: "subscribed",
    subscribe: "subscribed",
    optedout: "unsubscribed",
    optout: "unsubscribed",
    unsubscribe: "unsubscribed",
    unknown: "not_set",
    none: "not_set",
  },
};

// Subscribed or not is a yes/no question too: the same words as a yes/no attribute.
for (const word of TRUE_WORDS) ENUM_SYNONYMS.subscription![word] = "subscribed";
for (const word of FALSE_WORDS) ENUM_SYNONYMS.subscription![word] = "unsubscribed";

/** A parser for an enum system field: its values, labels and synonyms, case and spacing ignored. */
export function enumParser(field: SystemField): (value: string) => Parsed<string> {
  const options = field.options ?? [];
  const byKey = new Map<string, string>();
  for (const o of options) {
    byKey.set(normalizeKey(o.value), o.value);
    byKey.set(normalizeKey(o.label), o.value);
  }
  for (const [synonym, value] of Object.entries(ENUM_SYNONYMS[field.id] ?? {})) byKey.set(synonym, value);
  const list = options.map((o) => o.label).join(", ");
  return (value) => {
    const found = byKey.get(normalizeKey(value));
    return found !== undefined
      ? { ok: true, value: found }
      : { ok: false, message: `"${value}" is not a ${field.label.toLowerCase()} (use ${list}).` };
  };
}

