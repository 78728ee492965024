import { fail, ok, type Parsed } from "./parsed";

const CONTACT_KEY = /^[\p{L}\p{N}][\p{L}\p{N}._:/#@+-]{0,63}$/u;

/** A Contact ID given by a person or a file: ids from other systems, no spaces, at most 64 characters. */
export function parseContactKey(value: string): Parsed<string> {
  return CONTACT_KEY.test(value)
    ? ok(value)
    : fail(`"${value}" is not a valid Contact ID: use up to 64 letters, digits and . _ - : / # @ +, starting with a letter or digit, no spaces.`);
}
