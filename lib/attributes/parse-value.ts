import type { AttributeDefinition } from "@/db/schema";

/** The typed column a value is stored in; exactly one is set per row. */
export type StoredValue =
  | { textValue: string; numberValue: null; dateValue: null; boolValue: null }
  | { textValue: null; numberValue: string; dateValue: null; boolValue: null }
  | { textValue: null; numberValue: null; dateValue: string; boolValue: null }
  | { textValue: null; numberValue: null; dateValue: null; boolValue: boolean };

export type ParsedAttributeValue = { ok: true; value: StoredValue | null } | { ok: false; message: string };

const NONE = { textValue: null, numberValue: null, dateValue: null, boolValue: null };
const TRUE = new Set(["true", "yes", "y", "1", "on"]);
const FALSE = new Set(["false", "no", "n", "0", "off"]);

function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1;
}

/**
 * Validates a custom attribute value by its definition's type, for the profile, import and the API
 * alike. An empty value means "no value" (the row is deleted).
 */
export function parseAttributeValue(
  def: Pick<AttributeDefinition, "label" | "type" | "options">,
  raw: string | number | boolean | null | undefined,
): ParsedAttributeValue {
  if (raw === null || raw === undefined) return { ok: true, value: null };
  if (typeof raw === "boolean") {
    if (def.type !== "boolean") return { ok: false, message: `${def.label} is not a yes/no attribute.` };
    return { ok: true, value: { ...NONE, boolValue: raw } };
  }
  const value = String(raw).trim();
  if (value === "") return { ok: true, value: null };
  switch (def.type) {
    case "text":
      if (value.length > 1000) return { ok: false, message: `${def.label} must be at most 1000 characters.` };
      return { ok: true, value: { ...NONE, textValue: value } };
    case "number": {
      if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value) || !Number.isFinite(Number(value)) || Math.abs(Number(value)) >= 1e15) {
        return { ok: false, message: `${def.label} must be a number, like 42 or 3.5.` };
      }
      return { ok: true, value: { ...NONE, numberValue: String(Number(value)) } };
    }
    case "date":
      if (!isCalendarDate(value)) return { ok: false, message: `${def.label} must be a date written YYYY-MM-DD, like 2026-03-31.` };
      return { ok: true, value: { ...NONE, dateValue: value } };
    case "dropdown": {
      const option = def.options.find((o) => o === value) ?? def.options.find((o) => o.toLowerCase() === value.toLowerCase());
      if (!option) return { ok: false, message: `${def.label} must be one of: ${def.options.join(", ")}.` };
      return { ok: true, value: { ...NONE, textValue: option } };
    }
    case "boolean": {
      const lower = value.toLowerCase();
      if (TRUE.has(lower)) return { ok: true, value: { ...NONE, boolValue: true } };
      if (FALSE.has(lower)) return { ok: true, value: { ...NONE, boolValue: false } };
      return { ok: false, message: `${def.label} must be yes or no.` };
    }
  }
}

/** How a stored value reads in the timeline. */
export function displayAttributeValue(v: StoredValue): string {
  if (v.boolValue !== null) return v.boolValue ? "Yes" : "No";
  return v.textValue ?? v.numberValue ?? v.dateValue ?? "";
}
