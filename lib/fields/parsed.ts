/**
 * What every parser of the value module returns: the value in the form it is stored, or the one
 * message every door shows for it (the profile next to the field, the import on the row, the API in
 * its error body). Messages quote the value, so they read the same beside a field and in a file.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = (message: string): Parsed<never> => ({ ok: false, message });

/**
 * Zero-width characters that only get into a value by accident (a paste from a web page, a PDF or a
 * spreadsheet): zero-width space, word joiner, zero-width no-break space. They split "Ada" from
 * "A\u200Bda" in search and duplicate checks and make a blank-looking name. Removed everywhere.
 */
const STRAY_INVISIBLES = /[\u200B\u2060\uFEFF]/g;
/** Zero-width (non-)joiners join emoji and shape Persian or Indic words: kept inside, dropped at the ends where they join nothing. */
const EDGES = /^[\s\u200C\u200D]+|[\s\u200C\u200D]+$/g;
/** Any of the above: most values hold none and are only trimmed (an import reads millions). */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/;

/** A value as a door receives it: without stray invisibles, trimmed; null when empty, which every field reads as "no value". */
export function presentValue(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const value = ZERO_WIDTH.test(raw) ? raw.replace(STRAY_INVISIBLES, "").replace(EDGES, "") : raw.trim();
  return value === "" ? null : value;
}
