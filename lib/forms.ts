import { z } from "zod";

/**
 * Field schemas shared by actions. Server actions receive FormData, where everything is a string,
 * so numbers and flags are coerced here; JSON callers (tests, the API) may pass real types.
 */
export const idSchema = z.coerce
  .number({ error: "This form is missing an id; reload the page." })
  .int()
  .positive()
  .max(Number.MAX_SAFE_INTEGER);

/** The `version` a form loaded, for optimistic locking. */
export const versionSchema = z.coerce.number({ error: "This form is missing its version; reload the page." }).int().min(1);

/** An optional text: trimmed, empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));

/** A checkbox or confirmation flag: absent is false. */
export const flagSchema = z.union([z.boolean(), z.stringbool()]).optional().default(false);

/** A numeric route segment such as `/contacts/42`, or null. */
export function parseRouteId(value: string): number | null {
  if (!/^[1-9][0-9]{0,15}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}
