import { z } from "zod";

/**
 * Control characters that no text a person types or pastes should hold: NUL and the other C0
 * controls except tab, line feed and carriage return, DEL, and the C1 block. PostgreSQL cannot store
 * NUL in text or jsonb at all (the statement fails), and the others are invisible in the UI, in
 * exports and in the audit log. Refusing them where input arrives (URL, filter, search, file) gives a
 * clear message instead of a database error later.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** The first control character of `text` as "U+0000", or null when there is none. */
export function firstControlChar(text: string): string | null {
  const match = CONTROL.exec(text);
  return match ? `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : null;
}

export function hasControlChars(text: string): boolean {
  return CONTROL.test(text);
}

/** The message every boundary gives, naming the character so the user can find it. */
export function controlCharMessage(what: string, code: string): string {
  return `${what} contains an invisible control character (${code}). Remove it and try again.`;
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
 * A zod refinement for any input (string or nested value): refuses control characters with the
 * shared message. `what` names the input in the message ("The search", "The filter").
 */
export function refuseControlChars(what: string) {
  return (value: unknown, ctx: z.RefinementCtx) => {
    const code = findControlChar(value);
    if (code) ctx.addIssue({ code: "custom", message: controlCharMessage(what, code) });
  };
}
