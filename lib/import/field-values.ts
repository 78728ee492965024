import type { SystemField } from "@/lib/contacts/fields";
import { normalizeKey } from "./normalize-key";
import type { Parsed } from "./values";

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
    yes: "subscribed",
    true: "subscribed",
    "1": "subscribed",
    optedout: "unsubscribed",
    optout: "unsubscribed",
    unsubscribe: "unsubscribed",
    no: "unsubscribed",
    false: "unsubscribed",
    "0": "unsubscribed",
    unknown: "not_set",
    none: "not_set",
  },
};

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

let languageNames: Map<string, string> | undefined;

/** English names of the ISO 639-1 languages, found by asking ICU about every two-letter code. */
function languageTable(): Map<string, string> {
  if (languageNames) return languageNames;
  languageNames = new Map();
  const names = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });
  for (let a = 97; a <= 122; a++) {
    for (let b = 97; b <= 122; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (name && name !== code) languageNames.set(normalizeKey(name), code);
    }
  }
  return languageNames;
}

const knownLanguage = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

/** A BCP 47 language tag ("en", "pt-BR"; "pt_br" is fixed up) or an English name ("German"). */
export function parseLanguage(value: string): Parsed<string> {
  const named = languageTable().get(normalizeKey(value));
  if (named) return { ok: true, value: named };
  try {
    const [tag] = Intl.getCanonicalLocales(value.replace(/_/g, "-"));
    const primary = tag!.split("-")[0]!;
    if (/^[a-z]{2,3}$/.test(primary) && knownLanguage.of(primary)) return { ok: true, value: tag! };
  } catch {
    // Not a well-formed tag: fall through to the message.
  }
  return { ok: false, message: `"${value}" is not a language (use a code like en or pt-BR, or an English name like German).` };
}

let zones: Map<string, string> | undefined;
const zoneCache = new Map<string, Parsed<string>>();

/** An IANA time zone ("Europe/Berlin", any case), or a message. Results are cached by value. */
export function parseTimeZone(value: string): Parsed<string> {
  const cached = zoneCache.get(value);
  if (cached) return cached;
  zones ??= new Map(Intl.supportedValuesOf("timeZone").map((z) => [z.toLowerCase(), z]));
  let result: Parsed<string> | undefined;
  const canonical = zones.get(value.toLowerCase()) ?? (/^(utc|gmt|etc\/utc)$/i.test(value) ? "UTC" : undefined);
  if (canonical) result = { ok: true, value: canonical };
  else {
    try {
      // Links such as "US/Eastern" are valid zone names that supportedValuesOf does not list.
      const zone = new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
      if (zone === "UTC" || /^[A-Za-z]+(\/[\w+-]+)+$/.test(zone)) result = { ok: true, value: zone };
    } catch {
      // Not a zone ICU knows: the message below.
    }
    result ??= { ok: false, message: `"${value}" is not a time zone (use a name like Europe/Berlin or America/New_York).` };
  }
  if (zoneCache.size < 10_000) zoneCache.set(value, result);
  return result;
}
