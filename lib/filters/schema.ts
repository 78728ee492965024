import { z } from "zod";
import { refuseControlChars } from "@/lib/fields/text";

/** A filter: conditions joined by AND/OR, with one level of groups inside the top level. */
export const conditionSchema = z.object({
  field: z.string().min(1).max(100),
  op: z.string().min(1).max(40),
  value: z.unknown().optional(),
});

export const groupSchema = z.object({
  join: z.enum(["and", "or"]),
  conditions: z.array(conditionSchema).max(50),
});

export const filterSchema = z
  .object({
    join: z.enum(["and", "or"]),
    conditions: z.array(z.union([conditionSchema, groupSchema])).max(50),
  })
  // Every value, even one its operator ignores (is_empty), is stored with segments and audit entries.
  .superRefine(refuseControlChars("The filter"));

export type Condition = z.infer<typeof conditionSchema>;
export type ConditionGroup = z.infer<typeof groupSchema>;
export type Filter = z.infer<typeof filterSchema>;

export const EMPTY_FILTER: Filter = { join: "and", conditions: [] };

export function isGroup(item: Condition | ConditionGroup): item is ConditionGroup {
  return "conditions" in item;
}

export function isEmptyFilter(filter: Filter): boolean {
  return filter.conditions.every((c) => isGroup(c) && c.conditions.length === 0);
}

/** The filter in a URL parameter: compact JSON. Invalid input reads as no filter (with `ok: false`). */
export function parseFilterParam(raw: string | undefined | null): { filter: Filter; ok: boolean } {
  if (!raw) return { filter: EMPTY_FILTER, ok: true };
  try {
    const parsed = filterSchema.safeParse(JSON.parse(raw));
    return parsed.success ? { filter: parsed.data, ok: true } : { filter: EMPTY_FILTER, ok: false };
  } catch {
    return { filter: EMPTY_FILTER, ok: false };
  }
}

export function filterToParam(filter: Filter): string | null {
  return isEmptyFilter(filter) ? null : JSON.stringify(filter);
}
