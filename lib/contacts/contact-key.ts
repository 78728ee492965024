import { randomFillSync } from "node:crypto";

// Crockford's base32: no I, L, O or U, so a key read aloud or retyped is not mistaken.
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// Random bytes drawn a few thousand at a time: an import asks for a key per new contact, and one
// system call per key was a tenth of its JavaScript time. Each byte is used once.
const pool = Buffer.alloc(5 * 1024);
let offset = pool.length;

/** A new Contact ID such as `C-7KQ2M9XD`: 40 random bits, 8 Crockford base32 characters. */
export function generateContactKey(): string {
  if (offset + 5 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  // 40 bits: exact as a JavaScript number.
  let bits = pool.readUIntBE(offset, 5);
  offset += 5;
  let out = "";
  for (let i = 0; i < 8; i++) {
    out = CROCKFORD[bits % 32] + out;
    bits = Math.floor(bits / 32);
  }
  return `C-${out}`;
}
