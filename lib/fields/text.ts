import { fail, ok, type Parsed } from "./parsed";

/**
 * The one set of length limits, in characters. Names are short; a street may span lines; a web
 * address may be long; a custom text attribute holds a sentence or two; a note a page.
 */
export const TEXT_LIMITS = {
  default: 200,
  name: 100,
  street: 300,
  website: 500,
  attribute: 1000,
  note: 10_000,
} as const;

export interface TextRule {
  max: number;
  /**
   * Line breaks and tabs allowed: only in free text — notes, custom text attributes (files map their
   * Notes column to one) — and street addresses ("Flat 3" on its own line, as address exports write
   * them). Everywhere else a value is one line: a tab or line break in a name, a city or a code is a
   * paste or export accident that breaks lists, CSV exports and search.
   */
  multiLine?: boolean;
}

// C0 controls, DEL and C1 controls. Tab, LF and CR are checked apart: multi-line fields take them.
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;

function codePoint(char: string): string {
  return `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Refuses characters no text field stores: NUL (PostgreSQL cannot store it) and the other control
 * characters, and line breaks and tabs outside multi-line fields. Null when the value is clean.
 */
export function controlCharacterProblem(value: string, multiLine = false): string | null {
  const control = CONTROL.exec(value);
  if (control) return `This value contains an invisible control character (${codePoint(control[0])}): remove it and try again.`;
  if (!multiLine && LINE_BREAK_OR_TAB.test(value)) return "Write this value on one line: this field takes no line breaks or tabs.";
  return null;
}

/** A text value (trimmed, non-empty): clean, within its limit; multi-line values get \n line breaks. */
export function parseText(value: string, rule: TextRule): Parsed<string> {
  const problem = controlCharacterProblem(value, rule.multiLine);
  if (problem) return fail(problem);
  const text = rule.multiLine ? value.replace(/\r\n?/g, "\n") : value;
  if (text.length > rule.max) return fail(`Use at most ${rule.max} characters (this has ${text.length}).`);
  return ok(text);
}
