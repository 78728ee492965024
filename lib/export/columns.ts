import { sql, type SQL } from "drizzle-orm";
import type { AttributeType } from "@/db/schema/enums";
import { attributeColumnId } from "@/lib/contacts/columns";
import { LEAD_STAGE_LABELS, SOURCE_LABELS, STATUS_LABELS, SUBSCRIPTION_LABELS, sqlColumnOf, SYSTEM_FIELDS, type SystemField } from "@/lib/contacts/fields";
import { ValidationError } from "@/lib/errors";
import { matchHeader } from "@/lib/import/map/auto-map";

/**
 * The columns of a CSV export: for each, its header and a SQL expression over the contacts alias
 * `c` that yields the cell as text, computed by the database in the same query as the row.
 *
 * Values are written so that the file imports back unchanged (lib/import reads every one):
 * phones in E.164, e-mails and tags joined with "; ", countries as ISO codes, enums by label,
 * custom numbers as plain decimals, dates as YYYY-MM-DD, booleans as Yes/No. Timestamps, which
 * the import does not set, are ISO 8601 in UTC (2026-03-31T14:05:00Z). Headers are the field
 * labels (a custom attribute whose label would map to something else is "Label [key]", as in the
 * import template), so the importer's auto-mapping finds every column again.
 */
export interface ExportColumn {
  id: string;
  header: string;
  expr: SQL;
  /** Turns the database's text into the cell (enum labels); identity when absent. */
  format?: (value: string) => string;
}

export interface ExportAttribute {
  id: number;
  key: string;
  label: string;
  type: AttributeType;
  options: string[];
}

const LIST = "; ";

const ENUM_LABELS: Record<string, Record<string, string>> = {
  leadStage: LEAD_STAGE_LABELS,
  status: STATUS_LABELS,
  subscription: SUBSCRIPTION_LABELS,
  source: SOURCE_LABELS,
};

function systemColumn(field: SystemField): ExportColumn {
  const col = sql.raw(`c.${sqlColumnOf(field.id)}`);
  const base = { id: field.id, header: field.label };
  switch (field.type) {
    case "name":
      return { ...base, expr: sql`c.full_name` };
    case "phones":
      return { ...base, expr: sql`(select string_agg(p.e164, ${LIST} order by p.is_primary desc, p.id) from contact_phones p where p.contact_id = c.id)` };
    case "emails":
      return { ...base, expr: sql`(select string_agg(e.email, ${LIST} order by e.is_primary desc, e.id) from contact_emails e where e.contact_id = c.id)` };
    case "tags":
      return {
        ...base,
        expr: sql`(select string_agg(t.name, ${LIST} order by lower(t.name)) from contact_tags ct join tags t on t.id = ct.tag_id where ct.contact_id = c.id)`,
      };
    case "user":
      return { ...base, expr: sql`(select u.name from users u where u.id = c.favorite_agent_id)` };
    case "timestamp":
      return { ...base, expr: sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')` };
    case "boolean":
      return { ...base, expr: sql`case when ${col} then 'Yes' else 'No' end` };
    case "enum": {
      const labels = ENUM_LABELS[field.id] ?? {};
      return { ...base, expr: sql`${col}::text`, format: (v) => labels[v] ?? v };
    }
    default:
      return { ...base, expr: col };
  }
}

function attributeExpr(a: ExportAttribute): SQL {
  const value = {
    text: sql`v.text_value`,
    dropdown: sql`v.text_value`,
    number: sql`v.number_value::text`,
    date: sql`to_char(v.date_value, 'YYYY-MM-DD')`,
    boolean: sql`case when v.bool_value then 'Yes' when not v.bool_value then 'No' end`,
  }[a.type];
  return sql`(select ${value} from contact_attribute_values v where v.contact_id = c.id and v.attribute_id = ${a.id})`;
}

function attributeColumn(a: ExportAttribute, all: readonly ExportAttribute[]): ExportColumn {
  const own = matchHeader(a.label, all)?.target === `attr:${a.key}`;
  return { id: attributeColumnId(a.key), header: own ? a.label : `${a.label} [${a.key}]`, expr: attributeExpr(a) };
}

/** Every column an export can have: each system field, then each custom attribute. */
export function allExportColumns(attributes: readonly ExportAttribute[]): ExportColumn[] {
  return [...SYSTEM_FIELDS.map((f) => systemColumn(f)), ...attributes.map((a) => attributeColumn(a, attributes))];
}

/** The columns with these ids (list column ids: "name", "phones", "attr:plan"…), in that order. */
export function exportColumns(ids: readonly string[] | "all", attributes: readonly ExportAttribute[]): ExportColumn[] {
  const all = allExportColumns(attributes);
  if (ids === "all") return all;
  const byId = new Map(all.map((c) => [c.id, c]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length) throw new ValidationError(`Unknown column: ${unknown.join(", ")}`);
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new ValidationError("Choose at least one column to export.");
  return unique.map((id) => byId.get(id)!);
}
