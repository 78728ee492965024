import { fail, ok, type Parsed } from "./parsed";

/**
 * Typed values (custom attributes; the subscription's yes/no words) as people type them and files
 * write them. Each parser takes a trimmed, non-empty value and returns it in the form the database
 * column takes, or a message that quotes the value and says what would work.
 */

/** The one list of yes/no words, any case: what forms, spreadsheets and databases write. */
export const TRUE_WORDS: ReadonlySet<string> = new Set(["yes", "y", "true", "t", "1", "on"]);
export const FALSE_WORDS: ReadonlySet<string> = new Set(["no", "n", "false", "f", "0", "off"]);

export function parseBoolean(value: string): Parsed<boolean> {
  const v = value.toLowerCase();
  if (TRUE_WORDS.has(v)) return ok(true);
  if (FALSE_WORDS.has(v)) return ok(false);
  return fail(`"${value}" is not yes or no (use yes/no, true/false or 1/0).`);
}

const PLAIN = /^[+-]?\d+(\.\d+)?$/;
const COMMA_DECIMAL = /^[+-]?\d+,\d+$/;
const US_GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const EU_GROUPED = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/;
const SPACE_GROUPED = /^[+-]?\d{1,3}([ \u00a0\u202f']\d{3})+([.,]\d+)?$/;

/**
 * A number as a canonical decimal string ("1234.5"), so that numeric columns keep every digit.
 * Accepts 1234.5, 1234,5, 1,234.5, 1.234,5, 1.234.567 and 1 234,5; refuses "1,234", which reads
 * as a thousand in one country and as a fraction in another.
 */
export function parseNumber(value: string): Parsed<string> {
  let v = value;
  if (PLAIN.test(v)) {
    // A single dot is the decimal point, as every system that writes numbers into CSV has it.
  } else if (COMMA_DECIMAL.test(v)) {
    if (/^[+-]?\d{1,3},\d{3}$/.test(v)) return fail(`"${value}" is ambiguous: write 1234 or 1.234 without a thousands separator.`);
    v = v.replace(",", ".");
  } else if (US_GROUPED.test(v) && (v.includes(".") || v.split(",").length > 2)) {
    v = v.replace(/,/g, "");
  } else if (EU_GROUPED.test(v) && (v.includes(",") || v.split(".").length > 2)) {
    v = v.replace(/\./g, "").replace(",", ".");
  } else if (SPACE_GROUPED.test(v)) {
    v = v.replace(/[ \u00a0\u202f']/g, "").replace(",", ".");
  } else if (US_GROUPED.test(v) || EU_GROUPED.test(v)) {
    return fail(`"${value}" is ambiguous: write 1234 or 1.234 without a thousands separator.`);
  } else {
    return fail(`"${value}" is not a number (write it like 42 or 3.5).`);
  }
  const canonical = canonicalDecimal(v);
  // numeric columns take any length; a cap keeps a pasted blob from being read as a number.
  if (canonical.replace(/\D/g, "").length > MAX_DIGITS) return fail(`"${value}" has too many digits: use at most ${MAX_DIGITS}.`);
  return ok(canonical);
}

const MAX_DIGITS = 30;

function canonicalDecimal(v: string): string {
  const negative = v.startsWith("-");
  let [whole, fraction = ""] = v.replace(/^[+-]/, "").split(".") as [string, string?];
  whole = whole.replace(/^0+(?=\d)/, "");
  fraction = fraction.replace(/0+$/, "");
  const digits = fraction ? `${whole}.${fraction}` : whole;
  return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

export type DateOrder = "dmy" | "mdy";

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const SLASH_DATE = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const DAY_MONTH_YEAR = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/**
 * A calendar date as YYYY-MM-DD. Accepts ISO dates (a time part is ignored), YYYY/MM/DD, and
 * D/M/YYYY or M/D/YYYY (with / . or -) when the order is plain from the numbers (13/02/2024,
 * 02/13/2024, 05/05/2024) or given by `order`; 05/03/2024 without an order is refused as ambiguous.
 */
export function parseDate(value: string, order?: DateOrder): Parsed<string> {
  let m = ISO_DATE.exec(value) ?? SLASH_DATE.exec(value);
  if (m) return calendarDate(value, +m[1]!, +m[2]!, +m[3]!);
  m = DAY_MONTH_YEAR.exec(value);
  if (!m) return fail(`"${value}" is not a date (write it as YYYY-MM-DD, e.g. 2024-03-05).`);
  const [a, b, year] = [+m[1]!, +m[2]!, +m[3]!];
  if (a === b) return calendarDate(value, year, a, b);
  if (a > 12 && b <= 12) return calendarDate(value, year, b, a);
  if (b > 12 && a <= 12) return calendarDate(value, year, a, b);
  if (a <= 12 && b <= 12 && order) return order === "dmy" ? calendarDate(value, year, b, a) : calendarDate(value, year, a, b);
  if (a > 12 && b > 12) return fail(`"${value}" is not a date.`);
  return fail(
    `"${value}" is ambiguous (${a}/${b} could be day/month or month/day): write it as YYYY-MM-DD, or choose the date order of the file.`,
  );
}

function calendarDate(input: string, year: number, month: number, day: number): Parsed<string> {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return fail(`"${input}" is not a date in the calendar.`);
  }
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return ok(`${pad(year, 4)}-${pad(month)}-${pad(day)}`);
}

/** A dropdown's options by lower-cased value, so "gold" finds the canonical "Gold". */
export function dropdownParser(options: readonly string[]): (value: string) => Parsed<string> {
  const byKey = new Map(options.map((o) => [o.trim().toLowerCase(), o]));
  const list = options.map((o) => `"${o}"`).join(", ");
  return (value) => {
    const option = byKey.get(value.toLowerCase());
    return option !== undefined ? ok(option) : fail(`"${value}" is not one of the options (${list}).`);
  };
}
