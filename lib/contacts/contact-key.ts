import { randomBytes } from "node:crypto";
import { z } from "zod";

// Crockford's base32: no I, L, O or U, so a key read aloud or retyped is not mistaken.
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A new Contact ID such as `C-7KQ2M9XD`: 40 random bits, 8 Crockford base32 characters. */
export function generateContactKey(): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = "";
  for (let i = 0; i < 8; i++) {
    out = CROCKFORD[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return `C-${out}`;
}

export const CONTACT_KEY_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}._:/#@+-]{0,63}$/u;

/** A Contact ID given by a person or an import: letters, digits and a few separators, no spaces. */
export const contactKeySchema = z
  .string()
  .trim()
  .max(64, "Use at most 64 characters.")
  .regex(CONTACT_KEY_PATTERN, "Use letters, digits and . _ - : / # @ + only, starting with a letter or digit, no spaces.");
