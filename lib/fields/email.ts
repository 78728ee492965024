import { z } from "zod";
import { fail, ok, type Parsed } from "./parsed";

export const EMAIL_MAX = 254;
// zod's own pattern, so user accounts (lib/email.ts) and contacts accept the same addresses.
const EMAIL = z.regexes.email;

/**
 * The one stored form of an e-mail address: trimmed and lower-cased. The database's unique index
 * and its check (contact_emails.email_normalized = lower(btrim(email))) compare addresses in this
 * form; every door stores it in both columns, so a contact's address reads the same whichever door
 * it came through (an import, the busiest door, always stored it so).
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** An e-mail address (trimmed, non-empty) in its stored form, or the message. Plain regex: the import runs it per address. */
export function parseEmail(value: string): Parsed<string> {
  if (value.length > EMAIL_MAX) return fail(`That e-mail address is too long: use at most ${EMAIL_MAX} characters.`);
  if (!EMAIL.test(value)) return fail(`"${value}" is not a valid e-mail address.`);
  return ok(normalizeEmail(value));
}
