import type { AttributeDefinition } from "@/db/schema";
import { fail, ok, presentValue, type Parsed } from "./parsed";
import { controlCharacterProblem, parseText, TEXT_LIMITS } from "./text";
import { dropdownParser, parseBoolean, parseDate, parseNumber, type DateOrder } from "./typed-values";

/** A custom attribute's value before storage: numbers as canonical decimal strings, dates YYYY-MM-DD. */
export type AttributeValue = string | boolean;

/** The typed column a value is stored in; exactly one is set per row. */
export type StoredValue =
  | { textValue: string; numberValue: null; dateValue: null; boolValue: null }
  | { textValue: null; numberValue: string; dateValue: null; boolValue: null }
  | { textValue: null; numberValue: null; dateValue: string; boolValue: null }
  | { textValue: null; numberValue: null; dateValue: null; boolValue: boolean };

type Definition = Pick<AttributeDefinition, "type" | "options">;

export interface AttributeParseOptions {
  /** Settles dates like 05/03/2024 that the numbers leave open; without it they are refused as ambiguous. */
  dateOrder?: DateOrder;
}

function typedParser(def: Definition, options: AttributeParseOptions): (value: string) => Parsed<AttributeValue> {
  switch (def.type) {
    case "number":
      return parseNumber;
    case "date":
      return (value) => parseDate(value, options.dateOrder);
    case "boolean":
      return parseBoolean;
    case "dropdown":
      return dropdownParser(def.options);
    case "text":
      return (value) => parseText(value, { max: TEXT_LIMITS.attribute, multiLine: true });
  }
}

/**
 * The parser of one custom attribute, compiled once per definition (an import compiles it once per
 * file and runs it per row). It takes a trimmed, non-empty value; control characters are refused
 * for every type with the same message.
 */
export function attributeParser(def: Definition, options: AttributeParseOptions = {}): (value: string) => Parsed<AttributeValue> {
  const parse = typedParser(def, options);
  if (def.type === "text") return parse; // parseText checks control characters itself (multi-line)
  return (value) => {
    const problem = controlCharacterProblem(value);
    return problem ? fail(problem) : parse(value);
  };
}

const NONE = { textValue: null, numberValue: null, dateValue: null, boolValue: null };

/** The column a parsed value goes in, by the attribute's type. */
export function storedAttributeValue(type: Definition["type"], value: AttributeValue): StoredValue {
  if (typeof value === "boolean") return { ...NONE, boolValue: value };
  if (type === "number") return { ...NONE, numberValue: value };
  if (type === "date") return { ...NONE, dateValue: value };
  return { ...NONE, textValue: value };
}

/**
 * Validates a custom attribute value by its definition's type, for every door (profile, import,
 * API). An empty value means "no value" (the row is deleted); JSON callers may send real booleans
 * and numbers.
 */
export function parseAttributeValue(
  def: Definition,
  raw: string | number | boolean | null | undefined,
  options: AttributeParseOptions = {},
): Parsed<StoredValue | null> {
  if (raw === null || raw === undefined) return ok(null);
  if (typeof raw === "boolean") {
    return def.type === "boolean" ? ok(storedAttributeValue(def.type, raw)) : fail(`${raw ? "Yes" : "No"} is not a value this attribute takes.`);
  }
  const value = presentValue(String(raw));
  if (value === null) return ok(null);
  const parsed = attributeParser(def, options)(value);
  return parsed.ok ? ok(storedAttributeValue(def.type, parsed.value)) : parsed;
}

/** How a stored value reads in the timeline. */
export function displayAttributeValue(v: StoredValue): string {
  if (v.boolValue !== null) return v.boolValue ? "Yes" : "No";
  return v.textValue ?? v.numberValue ?? v.dateValue ?? "";
}
