import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

export const MIN_PASSWORD_LENGTH = 10;

/**
 * lib/auth/common-passwords.txt: the 49 233 most common passwords, most common first, one a line, in
 * lower case: the ranked list of @zxcvbn-ts/language-common 4.1.3 (MIT; © 2012-2016 Dan Wheeler and
 * Dropbox, Inc., © 2021 @zxcvbn-ts), copied as data rather than depended on, since only the list is used.
 * Read once, on the first check, from the project's folder (the app and the tests both run there).
 */
let common: ReadonlySet<string> | undefined;
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(readFileSync(path.join(process.cwd(), "lib", "auth", "common-passwords.txt"), "utf8").split("\n").filter(Boolean));
  return common;
}

export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.toLowerCase());
}

/** Every password a person chooses or an admin types: the same rule and words at every door. */
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(1024, "Use at most 1024 characters.")
  .refine((p) => !isCommonPassword(p), "This is one of the most common passwords. Choose another.");

// No look-alikes (0/O, 1/l/I), so that a password read off the screen is typed right.
const ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random password of 20 characters (about 116 bits), shown once to the admin who asked for it. */
export function generatePassword(): string {
  return Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
}
