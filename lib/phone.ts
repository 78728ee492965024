import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";

export type PhoneResult = { ok: true; e164: string; country?: string } | { ok: false; message: string };

/**
 * Reads a phone number as a person typed it. Without a leading + (or 00), it is a number of
 * `defaultCountry`. Only numbers valid for their country are accepted.
 */
export function normalizePhone(input: string, defaultCountry: string): PhoneResult {
  const raw = input.trim();
  if (!raw) return { ok: false, message: "Enter a phone number." };
  if (/[a-z]/i.test(raw.replace(/\b(ext|x)\.?\s*\d+$/i, ""))) {
    return { ok: false, message: `"${raw}" is not a phone number.` };
  }
  const international = raw.replace(/^00(?=[1-9])/, "+");
  const parsed = parsePhoneNumberFromString(international, defaultCountry.toUpperCase() as CountryCode);
  if (!parsed || !parsed.isValid()) {
    return {
      ok: false,
      message: international.startsWith("+")
        ? `"${raw}" is not a valid phone number.`
        : `"${raw}" is not a valid phone number for ${defaultCountry.toUpperCase()}. Add the country code with a +.`,
    };
  }
  return { ok: true, e164: parsed.number, country: parsed.country };
}

/**
 * International format for display, with the country's grouping: +13195554929 → "+1 319-555-4929",
 * +493012345678 → "+49 30-12345678".
 */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  const [code, ...groups] = parsed.formatInternational().split(" ");
  return groups.length ? `${code} ${groups.join("-")}` : e164;
}

/** The digits of a search query that looks like a phone number, or null if it does not. */
export function phoneDigitsOf(query: string): string | null {
  if (!/^[\d\s()+.\-/]+$/.test(query.trim())) return null;
  const digits = query.replace(/\D/g, "");
  return digits.length >= 3 ? digits : null;
}
