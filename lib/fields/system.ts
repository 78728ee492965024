import { systemField, type SystemField } from "@/lib/contacts/fields";
import { parseContactKey } from "./contact-key";
import { parseCountry } from "./country";
import { enumParser } from "./enum";
import { parseLanguage, parseTimeZone } from "./locale";
import { fail, ok, presentValue, type Parsed } from "./parsed";
import { controlCharacterProblem, parseText, TEXT_LIMITS, type TextRule } from "./text";

/** Limits of the system text fields that differ from TEXT_LIMITS.default. */
const TEXT_RULES: Readonly<Record<string, TextRule>> = {
  firstName: { max: TEXT_LIMITS.name },
  middleName: { max: TEXT_LIMITS.name },
  lastName: { max: TEXT_LIMITS.name },
  website: { max: TEXT_LIMITS.website },
  street: { max: TEXT_LIMITS.street, multiLine: true },
  billingStreet: { max: TEXT_LIMITS.street, multiLine: true },
};

export function textRule(fieldId: string): TextRule {
  return TEXT_RULES[fieldId] ?? { max: TEXT_LIMITS.default };
}

function parseWebsite(value: string): Parsed<string> {
  const text = parseText(value, textRule("website"));
  if (text.ok && /\s/.test(value)) return fail(`"${value}" is not a web address: remove the spaces.`);
  return text;
}

function typedParser(field: SystemField): (value: string) => Parsed<string> {
  if (field.id === "contactKey") return parseContactKey;
  if (field.id === "language") return parseLanguage;
  if (field.id === "timeZone") return parseTimeZone;
  if (field.id === "website") return parseWebsite;
  if (field.type === "country") return parseCountry;
  if (field.type === "enum") return enumParser(field);
  if (field.type === "text") {
    const rule = textRule(field.id);
    return (value) => parseText(value, rule);
  }
  throw new Error(`The system field ${field.id} (${field.type}) has no value parser.`);
}

/**
 * The parser of a system field that holds a typed-in value (text, country, enum, language, time
 * zone, Contact ID), compiled once per field: an import compiles it once per file. It takes a
 * trimmed, non-empty value and returns the stored form (a country's code, an enum's value, a
 * canonical language tag or zone name) or the one message for that value.
 */
export function systemFieldParser(field: SystemField): (value: string) => Parsed<string> {
  const parse = typedParser(field);
  if (field.type === "text") return parse; // parseText checks control characters itself
  return (value) => {
    const problem = controlCharacterProblem(value);
    return problem ? fail(problem) : parse(value);
  };
}

/** For fields that always hold a value (lead stage, status, subscription): what an empty value gets. */
export function missingValueMessage(field: SystemField): string {
  const choices = field.options ? `: ${field.options.map((o) => o.label).join(", ")}` : "";
  return `Choose a ${field.label.toLowerCase()}${choices}.`;
}

/** One value of a system field as a form or the API sends it: null when empty (clears the field). */
export function parseSystemValue(fieldId: string, raw: string | null | undefined): Parsed<string | null> {
  const field = systemField(fieldId);
  if (!field) throw new Error(`Unknown system field ${fieldId}.`);
  const value = presentValue(raw);
  return value === null ? ok(null) : systemFieldParser(field)(value);
}
