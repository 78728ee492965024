import { z } from "zod";
import { SYSTEM_FIELDS, systemField } from "@/lib/contacts/fields";
import type { AttributeDefinition } from "@/db/schema/attributes";
import { EXTERNAL_SYSTEM_PATTERN } from "@/lib/fields/external-id";

type System = (typeof SYSTEM_FIELDS)[number];
type Importable = Exclude<Extract<System, { type: "text" | "country" | "enum" }>, { id: "source" }>;

/**
 * The system fields a file can set: plain text, countries and enums. Left out: the computed name,
 * the identifier lists (the Phone, Email and Tags targets), timestamps and flags the app manages,
 * the favorite agent (a user lookup), and `source`, which records the first channel a contact came
 * from: created contacts get "import", merged ones keep theirs.
 */
export const IMPORTABLE_FIELDS: readonly Importable[] = SYSTEM_FIELDS.filter(
  (f): f is Importable => (f.type === "text" || f.type === "country" || f.type === "enum") && f.id !== "source",
);
export type ImportableFieldId = Importable["id"];
const IMPORTABLE_IDS = new Set<string>(IMPORTABLE_FIELDS.map((f) => f.id));

/** What an import needs to know of a custom attribute. */
export type ImportAttribute = Pick<AttributeDefinition, "key" | "label" | "type" | "options">;

/**
 * Where a column goes, as a string so it can be a <select> value and stored in the job's mapping:
 * a system field id; "fullName" (split into first and last name); "phone", "email", "tags" (the
 * only targets several columns may share); "attr:<key>" for a custom attribute; "ext:<system>"
 * for an external ID such as HubSpot's Record ID; or "ignore".
 */
export type ImportTarget =
  | ImportableFieldId
  | "fullName"
  | "phone"
  | "email"
  | "tags"
  | "ignore"
  | `attr:${string}`
  | `ext:${string}`;

export const MULTI_TARGETS: ReadonlySet<string> = new Set(["phone", "email", "tags", "ignore"]);
const SPECIAL = new Set(["fullName", "phone", "email", "tags", "ignore"]);
const EXTERNAL_SYSTEM = new RegExp(`^ext:${EXTERNAL_SYSTEM_PATTERN}$`);
const ATTRIBUTE = /^attr:[a-z][a-z0-9_]{0,62}$/;

export function isImportTarget(value: string): value is ImportTarget {
  return IMPORTABLE_IDS.has(value) || SPECIAL.has(value) || ATTRIBUTE.test(value) || EXTERNAL_SYSTEM.test(value);
}

/** One target per column, in the file's column order (validated against the file by checkMapping). */
export const importMappingSchema = z.array(
  z.string().refine(isImportTarget, "Choose a field for this column, or Do not import.").transform((v) => v as ImportTarget),
);
export type ImportMapping = readonly ImportTarget[];

const label = (id: string) => systemField(id)!.label;

/** The label a person sees for a target (select options, review table, messages). */
export function targetLabel(target: ImportTarget, attributes: readonly ImportAttribute[] = []): string {
  if (target === "fullName") return "Full name";
  if (target === "phone") return label("phones");
  if (target === "email") return label("emails");
  if (target === "tags") return label("tags");
  if (target === "ignore") return "Do not import";
  if (target.startsWith("attr:")) {
    const key = target.slice(5);
    return attributes.find((a) => a.key === key)?.label ?? key;
  }
  if (target.startsWith("ext:")) {
    const system = target.slice(4);
    return `External ID (${system === "hubspot" ? "HubSpot" : system})`;
  }
  return label(target);
}

export interface TargetOption {
  value: ImportTarget;
  label: string;
  group: "Identifiers" | "Fields" | "Custom attributes" | "Other";
}

/**
 * The choices of a column's select: every importable field, every custom attribute, Tags, Phone,
 * Email, Full name and Do not import, plus any external-ID target already in `mapping`.
 */
export function targetOptions(attributes: readonly ImportAttribute[], mapping: ImportMapping = []): TargetOption[] {
  const options: TargetOption[] = [
    { value: "phone", label: targetLabel("phone"), group: "Identifiers" },
    { value: "email", label: targetLabel("email"), group: "Identifiers" },
    { value: "contactKey", label: label("contactKey"), group: "Identifiers" },
    ...[...new Set(mapping.filter((t) => t.startsWith("ext:")))].map(
      (value): TargetOption => ({ value, label: targetLabel(value), group: "Identifiers" }),
    ),
    { value: "fullName", label: "Full name", group: "Fields" },
    ...IMPORTABLE_FIELDS.filter((f) => f.id !== "contactKey").map(
      (f): TargetOption => ({ value: f.id, label: f.label, group: "Fields" }),
    ),
    ...attributes.map((a): TargetOption => ({ value: `attr:${a.key}`, label: a.label, group: "Custom attributes" })),
    { value: "tags", label: targetLabel("tags"), group: "Other" },
    { value: "ignore", label: "Do not import", group: "Other" },
  ];
  return options;
}

/**
 * Everything wrong with a mapping for these headers, as messages for the mapper step; empty when
 * it can be imported. Run on the server too: the mapping arrives from the browser.
 */
export function checkMapping(
  headers: readonly string[],
  mapping: ImportMapping,
  attributes: readonly ImportAttribute[],
): string[] {
  if (mapping.length !== headers.length) return ["The column mapping does not match the file's columns. Upload the file again."];
  const problems: string[] = [];
  const keys = new Set(attributes.map((a) => a.key));
  const firstColumn = new Map<string, number>();
  mapping.forEach((target, i) => {
    const header = headers[i]!;
    if (!isImportTarget(target)) {
      problems.push(`Column "${header}" is mapped to an unknown field.`);
      return;
    }
    if (target.startsWith("attr:") && !keys.has(target.slice(5))) {
      problems.push(`Column "${header}" is mapped to the custom attribute "${target.slice(5)}", which does not exist (any more).`);
    }
    const first = firstColumn.get(target);
    if (first === undefined) firstColumn.set(target, i);
    else if (!MULTI_TARGETS.has(target)) {
      problems.push(
        `Columns "${headers[first]}" and "${header}" are both mapped to ${targetLabel(target, attributes)}; only Phone, Email and Tags can take several columns.`,
      );
    }
  });
  if (!mapping.some((t) => t === "phone" || t === "email" || t === "contactKey")) {
    problems.push("Map at least one column to Phone, Email or Contact ID: every contact needs one of them.");
  }
  return problems;
}
