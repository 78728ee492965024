import type { z } from "zod";
import { fail, ok, type Parsed } from "./parsed";

/**
 * The one set of length limits, in characters. Names are short; a street may span lines; a web
 * address may be long; a custom text attribute holds a sentence or two; a note a page; a timeline
 * event's summary a line (its details go in its payload); an integration's event id fits any system's.
 */
export const TEXT_LIMITS = {
  default: 200,
  summary: 500,
  externalRef: 255,
  name: 100,
  /** A phone's or e-mail's label. */
  label: 50,
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

/**
 * Control characters that no text a person types or pastes should hold: NUL and the other C0
 * controls except tab, line feed and carriage return, DEL, and the C1 block. PostgreSQL cannot store
 * NUL in text or jsonb at all (the statement fails), and the others are invisible in the UI, in
 * exports and in the audit log. The one rule for contact values and for every other input (URL,
 * filter, search, segment name); tab, LF and CR are checked apart: multi-line fields take them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;

/** The first control character of `text` as "U+0000", or null when there is none. */
export function firstControlChar(text: string): string | null {
  const match = CONTROL.exec(text);
  return match ? `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : null;
}

/** `text` with every control character, tab and line break removed (a file name shown back to the user). */
export function withoutControlChars(text: string): string {
  return text.replace(new RegExp(`${CONTROL.source}|${LINE_BREAK_OR_TAB.source}`, "g"), "");
}

/**
 * Refuses characters no text field stores: NUL (PostgreSQL cannot store it) and the other control
 * characters, and line breaks and tabs outside multi-line fields. Null when the value is clean.
 */
export function controlCharacterProblem(value: string, multiLine = false): string | null {
  const code = firstControlChar(value);
  if (code) return `This value contains an invisible control character (${code}): remove it and try again.`;
  if (!multiLine && LINE_BREAK_OR_TAB.test(value)) return "Write this value on one line: this field takes no line breaks or tabs.";
  return null;
}

/** The first string anywhere in a JSON-like value (arrays, objects, their keys) that holds a control character. */
export function findControlChar(value: unknown, depth = 0): string | null {
  if (typeof value === "string") return firstControlChar(value);
  if (depth > 10 || value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    const found = firstControlChar(key) ?? findControlChar(item, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * A zod refinement for an input that is not a contact value (a search, a filter, a segment name;
 * string or nested value): refuses control characters, naming the input (`what`: "The search") and
 * the character, so the user can find it.
 */
export function refuseControlChars(what: string) {
  return (value: unknown, ctx: z.RefinementCtx) => {
    const code = findControlChar(value);
    if (code) ctx.addIssue({ code: "custom", message: `${what} contains an invisible control character (${code}). Remove it and try again.` });
  };
}

/** A text value (trimmed, non-empty): clean, within its limit; multi-line values get \n line breaks. */
export function parseText(value: string, rule: TextRule): Parsed<string> {
  const problem = controlCharacterProblem(value, rule.multiLine);
  if (problem) return fail(problem);
  const text = rule.multiLine ? value.replace(/\r\n?/g, "\n") : value;
  if (text.length > rule.max) return fail(`Use at most ${rule.max} characters (this has ${text.length}).`);
  return ok(text);
}
