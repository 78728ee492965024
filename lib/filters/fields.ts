import type { AttributeType } from "@/db/schema/enums";
import { COUNTRIES } from "@/lib/countries";
import { sqlColumnOf, SYSTEM_FIELDS, type Option } from "@/lib/contacts/fields";
import type { Filter } from "./schema";

export type FilterType = "text" | "number" | "date" | "enum" | "boolean" | "tags" | "presence" | "user" | "import";

export const OPERATORS = {
  text: ["is", "is_not", "contains", "not_contains", "starts_with", "is_empty", "is_not_empty"],
  number: ["eq", "neq", "lt", "gt", "between", "is_empty"],
  date: ["before", "after", "between", "in_last_days", "more_than_days_ago", "is_empty"],
  enum: ["any_of", "none_of"],
  boolean: ["is_true", "is_false"],
  tags: ["has_any", "has_all", "has_none"],
  presence: ["exists", "not_exists"],
  user: ["any_of", "is_me", "is_unassigned"],
  import: ["is"],
} as const satisfies Record<FilterType, readonly string[]>;

export type Operator = (typeof OPERATORS)[FilterType][number];

export const OPERATOR_LABELS: Record<Operator, string> = {
  is: "is",
  is_not: "is not",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  eq: "=",
  neq: "≠",
  lt: "<",
  gt: ">",
  between: "between",
  before: "before",
  after: "after",
  in_last_days: "in the last N days",
  more_than_days_ago: "more than N days ago",
  any_of: "is any of",
  none_of: "is none of",
  is_true: "is true",
  is_false: "is false",
  has_any: "has any of",
  has_all: "has all of",
  has_none: "has none of",
  exists: "exists",
  not_exists: "does not exist",
  is_me: "is me",
  is_unassigned: "is unassigned",
};

/** Where a filterable field's value lives. */
export type FieldSource =
  | { kind: "column"; column: string; timestamp?: boolean }
  | { kind: "attribute"; attributeId: number; attributeType: AttributeType }
  | { kind: "tags" }
  | { kind: "phones" }
  | { kind: "emails" }
  /** The contacts an import job created or updated (its `imported` activities). */
  | { kind: "import" };

export interface FilterField {
  id: string;
  label: string;
  type: FilterType;
  options?: readonly Option[];
  source: FieldSource;
}

export interface FilterAttributeSource {
  id: number;
  key: string;
  label: string;
  type: AttributeType;
  options: string[];
}

export const IMPORT_FILTER_FIELD = "importJob";

/** The contacts one import created or updated, as a filter ("Go to contacts" after an import). */
export function importFilter(jobId: string): Filter {
  return { join: "and", conditions: [{ field: IMPORT_FILTER_FIELD, op: "is", value: jobId }] };
}

/** Every field a filter can name: each system field and each custom attribute. */
export function filterFields(attributes: readonly FilterAttributeSource[]): FilterField[] {
  const system: FilterField[] = SYSTEM_FIELDS.map((f): FilterField => {
    switch (f.type) {
      case "name":
        return { id: f.id, label: f.label, type: "text", source: { kind: "column", column: "full_name" } };
      case "phones":
        return { id: f.id, label: "Has phone", type: "presence", source: { kind: "phones" } };
      case "emails":
        return { id: f.id, label: "Has email", type: "presence", source: { kind: "emails" } };
      case "tags":
        return { id: f.id, label: f.label, type: "tags", source: { kind: "tags" } };
      case "user":
        return { id: f.id, label: f.label, type: "user", source: { kind: "column", column: "favorite_agent_id" } };
      case "country":
        return { id: f.id, label: f.label, type: "enum", options: COUNTRIES, source: { kind: "column", column: sqlColumnOf(f.id) } };
      case "enum":
        return { id: f.id, label: f.label, type: "enum", options: f.options, source: { kind: "column", column: sqlColumnOf(f.id) } };
      case "boolean":
        return { id: f.id, label: f.label, type: "boolean", source: { kind: "column", column: sqlColumnOf(f.id) } };
      case "timestamp":
        return { id: f.id, label: f.label, type: "date", source: { kind: "column", column: sqlColumnOf(f.id), timestamp: true } };
      default:
        return { id: f.id, label: f.label, type: "text", source: { kind: "column", column: sqlColumnOf(f.id) } };
    }
  });
  // Not a field of the contact but of its history: "Go to contacts" after an import links here.
  const history: FilterField[] = [{ id: IMPORT_FILTER_FIELD, label: "Import", type: "import", source: { kind: "import" } }];
  const custom = attributes.map((a): FilterField => {
    const source: FieldSource = { kind: "attribute", attributeId: a.id, attributeType: a.type };
    const id = `attr:${a.key}`;
    if (a.type === "dropdown") return { id, label: a.label, type: "enum", options: a.options.map((o) => ({ value: o, label: o })), source };
    return { id, label: a.label, type: a.type, source } as FilterField;
  });
  return [...system, ...history, ...custom];
}
