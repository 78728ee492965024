import { z } from "zod";
import { systemField } from "@/lib/contacts/fields";
import { missingValueMessage, systemFieldParser } from "./system";
import { parseText, type TextRule } from "./text";

/**
 * A zod schema for one system field that always holds a value, for an action's input: the value
 * module decides, so the action refuses a value with the same words as the import and the profile.
 */
export function requiredSystemValue<T extends string>(fieldId: string) {
  const field = systemField(fieldId);
  if (!field) throw new Error(`Unknown system field ${fieldId}.`);
  const parse = systemFieldParser(field);
  return z
    .string()
    .trim()
    .transform((value, ctx) => {
      const parsed = value ? parse(value) : ({ ok: false, message: missingValueMessage(field) } as const);
      if (parsed.ok) return parsed.value as T;
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    });
}

/** A required text for an action's input (a note's body): trimmed, then the value module's text rule. */
export function requiredText(rule: TextRule, emptyMessage: string) {
  return z
    .string()
    .trim()
    .min(1, emptyMessage)
    .transform((value, ctx) => {
      const parsed = parseText(value, rule);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    });
}
