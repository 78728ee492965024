import type { AttributeType } from "@/db/schema/enums";
import { SYSTEM_FIELDS, type FieldType } from "./fields";

/** How a list cell is shown. */
export type CellKind = "name" | "text" | "list" | "tags" | "status" | "date" | "boolean";

export interface ListColumn {
  id: string;
  label: string;
  kind: CellKind;
  sortable: boolean;
  /** For custom attributes: their key and type. */
  attribute?: { id: number; key: string; type: AttributeType };
}

export const DEFAULT_COLUMNS = ["name", "phones", "emails", "source", "lastInteractionAt", "status", "tags"] as const;

const KIND_OF: Record<FieldType, CellKind> = {
  name: "name",
  text: "text",
  enum: "text",
  country: "text",
  user: "text",
  timestamp: "date",
  boolean: "boolean",
  phones: "list",
  emails: "list",
  tags: "tags",
};

export interface AttributeColumnSource {
  id: number;
  key: string;
  label: string;
  type: AttributeType;
}

export const attributeColumnId = (key: string) => `attr:${key}`;

/** Every column the list can show: each system field, then each custom attribute. */
export function listColumns(attributes: readonly AttributeColumnSource[]): ListColumn[] {
  return [
    ...SYSTEM_FIELDS.map((f) => ({
      id: f.id,
      label: f.label,
      kind: f.id === "status" ? ("status" as const) : KIND_OF[f.type],
      sortable: true,
    })),
    ...attributes.map((a) => ({
      id: attributeColumnId(a.key),
      label: a.label,
      kind: a.type === "date" ? ("date" as const) : a.type === "boolean" ? ("boolean" as const) : ("text" as const),
      sortable: true,
      attribute: { id: a.id, key: a.key, type: a.type },
    })),
  ];
}

/** Keeps known ids in the user's order, dropping unknown or repeated ones; the name always shows. */
export function sanitizeColumns(ids: readonly string[], known: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const id of ids) if (known.has(id) && !out.includes(id)) out.push(id);
  if (!out.includes("name")) out.unshift("name");
  return out;
}
