import { normalizeKey } from "./normalize-key";
import type { Parsed } from "./parsed";

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
