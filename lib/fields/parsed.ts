/**
 * What every parser of the value module returns: the value in the form it is stored, or the one
 * message every door shows for it (the profile next to the field, the import on the row, the API in
 * its error body). Messages quote the value, so they read the same beside a field and in a file.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = (message: string): Parsed<never> => ({ ok: false, message });

/** A value as a door receives it: trimmed; null when empty, which every field reads as "no value". */
export function presentValue(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const value = raw.trim();
  return value === "" ? null : value;
}
