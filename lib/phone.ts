import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from "libphonenumber-js/max";

export type PhoneResult = { ok: true; e164: string; country?: string } | { ok: false; message: string };

/**
 * Numbers that name the same line in an older form, and the form they stand for: a Brazilian mobile
 * written without its ninth digit (every mobile got one by 2016; WhatsApp still sends some old
 * accounts that way), and a Mexican mobile with the `1` after +52 (dropped in 2019). Both old forms
 * are invalid today, so reading them as the current form never changes a valid number. (Argentina's
 * `+54 9` mobile form and the form without the 9 are both valid numbers: see `phoneMatchKey`.)
 */
const OLD_FORMS: [RegExp, string][] = [
  [/^\+55([1-9][1-9])([6-9]\d{7})$/, "+55$19$2"],
  [/^\+521(\d{10})$/, "+52$1"],
];

/**
 * Reads a phone number as a person typed it. Without a leading + (or 00), it is a number of
 * `defaultCountry`. Only numbers valid for their country are accepted; an old form of a number
 * (OLD_FORMS) is read as its current form, so both find the same contact at every door.
 */
export function normalizePhone(input: string, defaultCountry: string): PhoneResult {
  const raw = input.trim();
  if (!raw) return { ok: false, message: "Enter a phone number." };
  if (/[a-z]/i.test(raw.replace(/\b(ext|x)\.?\s*\d+$/i, ""))) {
    return { ok: false, message: `"${raw}" is not a phone number.` };
  }
  const international = raw.replace(/^00(?=[1-9])/, "+");
  const parsed = currentForm(parsePhoneNumberFromString(international, defaultCountry.toUpperCase() as CountryCode));
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

function currentForm(parsed: PhoneNumber | undefined): PhoneNumber | undefined {
  if (!parsed || parsed.isValid()) return parsed;
  for (const [old, current] of OLD_FORMS) {
    if (old.test(parsed.number)) return parsePhoneNumberFromString(parsed.number.replace(old, current)) ?? parsed;
  }
  return parsed;
}

/**
 * The key under which two valid numbers are one line: Argentina's mobiles are dialled from abroad
 * as `+54 9 …` and written at home without the 9, and both are valid numbers (the form without the
 * 9 is also how a landline looks, so neither form can be rewritten into the other). The key drops
 * the 9; every other number is its own key. The database's `phone_match_key` is the same rule
 * (a test holds them together); the doors look a number's holder up by it.
 */
export function phoneMatchKey(e164: string): string {
  return e164.replace(/^\+549(\d{10})$/, "+54$1");
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
