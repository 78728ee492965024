import { getCountries } from "libphonenumber-js/max";
import { normalizeKey } from "./normalize-key";
import { fail, ok, type Parsed } from "./parsed";

/**
 * Other names people and exports write for a country, beyond the codes and the English names
 * ICU knows (Intl.DisplayNames): official and older names, common abbreviations, and the
 * countries' own names for the markets an Outlook export in another language comes from.
 */
const ALIASES: Record<string, string> = {
  USA: "US", "U.S.": "US", "U.S.A.": "US", "United States of America": "US", America: "US",
  UK: "GB", "U.K.": "GB", "Great Britain": "GB", Britain: "GB", England: "GB", Scotland: "GB", Wales: "GB",
  "Northern Ireland": "GB", "United Kingdom of Great Britain and Northern Ireland": "GB",
  UAE: "AE", "Czech Republic": "CZ", "Ivory Coast": "CI", Turkey: "TR", "Russian Federation": "RU",
  Korea: "KR", "Republic of Korea": "KR", "Korea, Republic of": "KR", "Viet Nam": "VN", Burma: "MM",
  Swaziland: "SZ", "Cabo Verde": "CV", Macedonia: "MK", "East Timor": "TL", Vatican: "VA", "Holy See": "VA",
  Palestine: "PS", Macau: "MO", "DR Congo": "CD", DRC: "CD", "Democratic Republic of the Congo": "CD",
  "Republic of the Congo": "CG", "Iran, Islamic Republic of": "IR", "Syrian Arab Republic": "SY",
  "Lao People's Democratic Republic": "LA", "Brunei Darussalam": "BN", "Tanzania, United Republic of": "TZ",
  "Moldova, Republic of": "MD", "Bolivia, Plurinational State of": "BO", "Venezuela, Bolivarian Republic of": "VE",
  "Taiwan, Province of China": "TW", Holland: "NL", Nederland: "NL", Deutschland: "DE", "Österreich": "AT",
  Schweiz: "CH", Suisse: "CH", Svizzera: "CH", España: "ES", Italia: "IT", Brasil: "BR", Belgique: "BE",
  "België": "BE", Polska: "PL", Sverige: "SE", Norge: "NO", Danmark: "DK", Suomi: "FI", "Česko": "CZ",
  "Magyarország": "HU", "Türkiye Cumhuriyeti": "TR", "Éire": "IE", Eire: "IE",
};

let table: Map<string, string> | undefined;

function build(): Map<string, string> {
  const map = new Map<string, string>();
  const add = (name: string, code: string) => {
    const key = normalizeKey(name);
    if (key && !map.has(key)) map.set(key, code);
  };
  const long = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  const short = new Intl.DisplayNames(["en"], { type: "region", style: "short", fallback: "none" });
  // libphonenumber's list: real, dialable regions, without EU, UN or private-use codes.
  for (const code of getCountries()) {
    add(code, code);
    for (const name of [long.of(code), short.of(code)]) {
      if (!name) continue;
      add(name, code);
      add(name.replace(/\s*\(.*\)$/, ""), code); // "Myanmar (Burma)"
      add(name.replace(/\s+SAR China$/, ""), code); // "Hong Kong SAR China"
      add(name.replace(/^St\. /, "Saint "), code); // "St. Lucia"
      const inner = /\((.*)\)$/.exec(name)?.[1];
      if (inner) add(inner, code);
    }
  }
  for (const [name, code] of Object.entries(ALIASES)) add(name, code);
  return map;
}

/**
 * ISO 3166-1 alpha-2 code of a country written as a code ("de", "GB") or an English or common name
 * ("Germany", "United States of America", "UK", "Deutschland"); undefined when not recognised.
 */
export function countryCode(value: string): string | undefined {
  table ??= build();
  const key = normalizeKey(value);
  return table.get(key) ?? (key.startsWith("the") ? table.get(key.slice(3)) : undefined); // "The Gambia"
}

/** A country as its ISO 3166-1 alpha-2 code (the contacts' country columns), or the message. */
export function parseCountry(value: string): Parsed<string> {
  const code = countryCode(value);
  return code ? ok(code) : fail(`"${value}" is not a country (use a name like Germany or a code like DE).`);
}
