import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { containsPattern } from "@/lib/contacts/list-sql";
import { OPERATORS, OPERATOR_LABELS, type FilterField } from "./fields";
import { filterSchema, isGroup, type Condition, type Filter } from "./schema";

export interface CompileContext {
  fields: readonly FilterField[];
  /** For "favorite agent is me". */
  userId: number;
  /**
   * Keep every subquery a per-contact check (see `subquery`): for walking the list's sort index,
   * where a join over every tagged or valued contact would cost far more than checking a few rows.
   */
  perRow?: boolean;
}

/**
 * `exists (…)` over a contact's child rows. PostgreSQL turns such a check into a join (or a hash of
 * every matching child row), which suits counting and bulk work; `offset 0` stops that rewrite, so a
 * walk of the sort index checks only the rows it reaches (a dense filter's first page: 1 s → a few ms).
 */
function subquery(body: SQL, ctx: CompileContext): SQL {
  return ctx.perRow ? sql`exists (${body} offset 0)` : sql`exists (${body})`;
}

const text = z.string().trim().min(1, "Enter a value.").max(500);
const number = z.coerce.number().finite();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-03-31.").refine(isCalendarDate, "Not a real date.");
const days = z.coerce.number().int().min(1, "At least 1 day.").max(36_500);
const ids = z.array(z.coerce.number().int().positive()).min(1, "Pick at least one.").max(500);

/** Date.parse rolls 2026-02-31 over to March 3 where PostgreSQL's ::date refuses it: check the calendar. */
function isCalendarDate(iso: string): boolean {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function parseValue<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ValidationError(`${where}: ${parsed.error.issues[0]?.message ?? "invalid value"}`);
  return parsed.data;
}

const list = (values: readonly unknown[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** Positive predicate on an attribute's value row `v`, wrapped so that "no value" is handled by callers. */
function attributeExists(attributeId: number, predicate: SQL, ctx: CompileContext): SQL {
  return subquery(sql`select 1 from contact_attribute_values v where v.contact_id = c.id and v.attribute_id = ${attributeId} and ${predicate}`, ctx);
}

function compileCondition(condition: Condition, ctx: CompileContext): SQL {
  const field = ctx.fields.find((f) => f.id === condition.field);
  if (!field) throw new ValidationError(`Unknown field “${condition.field}”.`);
  const allowed = OPERATORS[field.type] as readonly string[];
  if (!allowed.includes(condition.op)) {
    throw new ValidationError(`“${condition.op}” does not apply to ${field.label}. Use one of: ${allowed.map((o) => OPERATOR_LABELS[o as keyof typeof OPERATOR_LABELS]).join(", ")}.`);
  }
  const where = `${field.label} ${OPERATOR_LABELS[condition.op as keyof typeof OPERATOR_LABELS]}`;
  const value = condition.value;
  const src = field.source;

  if (src.kind === "tags") {
    const tagIds = parseValue(ids, value, where);
    const match = sql`select 1 from contact_tags ct where ct.contact_id = c.id and ct.tag_id in (${list(tagIds)})`;
    if (condition.op === "has_any") return subquery(match, ctx);
    if (condition.op === "has_none") return sql`not ${subquery(match, ctx)}`;
    return sql`(select count(distinct ct.tag_id) from contact_tags ct where ct.contact_id = c.id and ct.tag_id in (${list(tagIds)})) = ${new Set(tagIds).size}`;
  }
  if (src.kind === "import") {
    const jobId = parseValue(z.uuid("Pick an import."), value, where);
    // The expression and the type match the partial index activities_import_job_idx.
    return subquery(sql`select 1 from activities a where a.contact_id = c.id and a.type = 'imported' and (a.payload ->> 'jobId') = ${jobId}`, ctx);
  }
  if (src.kind === "phones" || src.kind === "emails") {
    const table = sql.raw(src.kind === "phones" ? "contact_phones" : "contact_emails");
    const exists = subquery(sql`select 1 from ${table} x where x.contact_id = c.id`, ctx);
    return condition.op === "exists" ? exists : sql`not ${exists}`;
  }

  // The value expression and the way "has no value" reads, for a column or a custom attribute.
  const isAttr = src.kind === "attribute";
  const attrCol = isAttr
    ? sql.raw(
        { text: "v.text_value", dropdown: "v.text_value", number: "v.number_value", date: "v.date_value", boolean: "v.bool_value" }[src.attributeType],
      )
    : undefined;
  const col = src.kind === "column" ? sql.raw(`c.${src.column}`) : attrCol!;
  /** A predicate true when the value satisfies `p`; for attributes, when a value row satisfies it. */
  const has = (p: SQL) => (isAttr ? attributeExists(src.attributeId, p, ctx) : p);
  // A negation is true for a missing value too: "company is not Acme" includes contacts with no company.
  const not = (p: SQL) => sql`not coalesce((${p}), false)`;
  const blank = field.type === "text" ? sql`(${col} is null or btrim(${col}) = '')` : sql`${col} is null`;
  const empty = isAttr ? sql`not ${has(sql`not ${blank}`)}` : blank;

  switch (condition.op) {
    case "is_empty":
      return empty;
    case "is_not_empty":
      return not(empty);
    case "is":
      return has(sql`lower(${col}) = lower(${parseValue(text, value, where)})`);
    case "is_not":
      return not(has(sql`lower(${col}) = lower(${parseValue(text, value, where)})`));
    case "contains":
      return has(sql`${col} ilike ${containsPattern(parseValue(text, value, where))}`);
    case "not_contains":
      return not(has(sql`${col} ilike ${containsPattern(parseValue(text, value, where))}`));
    case "starts_with":
      return has(sql`${col} ilike ${containsPattern(parseValue(text, value, where)).slice(1)}`);
    case "eq":
      return has(sql`${col} = ${parseValue(number, value, where)}`);
    case "neq":
      return not(has(sql`${col} = ${parseValue(number, value, where)}`));
    case "lt":
      return has(sql`${col} < ${parseValue(number, value, where)}`);
    case "gt":
      return has(sql`${col} > ${parseValue(number, value, where)}`);
    case "between": {
      const bound = field.type === "number" ? number : isoDate;
      const [lo, hi] = parseValue(z.tuple([bound, bound]), value, where) as [number | string, number | string];
      if (field.type === "date" && src.kind === "column") return sql`${col} >= ${lo}::date and ${col} < ${hi}::date + 1`;
      return has(sql`${col} between ${lo} and ${hi}`);
    }
    case "before":
      return has(sql`${col} < ${parseValue(isoDate, value, where)}::date`);
    case "after":
      // "after 2026-03-31" starts on the next day, for dates and timestamps alike.
      return has(sql`${col} >= ${parseValue(isoDate, value, where)}::date + 1`);
    case "in_last_days":
      return has(sql`${col} >= now() - make_interval(days => ${parseValue(days, value, where)})`);
    case "more_than_days_ago":
      return has(sql`${col} < now() - make_interval(days => ${parseValue(days, value, where)})`);
    case "any_of":
    case "none_of": {
      if (field.type === "user") {
        const match = sql`${col} in (${list(parseValue(ids, value, where))})`;
        return match;
      }
      const allowedValues = new Set((field.options ?? []).map((o) => o.value));
      const values = parseValue(z.array(z.string()).min(1, "Pick at least one.").max(500), value, where);
      const unknown = values.filter((v) => !allowedValues.has(v));
      if (unknown.length) throw new ValidationError(`${where}: “${unknown[0]}” is not one of the options.`);
      const match = has(sql`${col}::text in (${list(values)})`);
      return condition.op === "any_of" ? match : not(match);
    }
    case "is_me":
      return sql`${col} = ${ctx.userId}`;
    case "is_unassigned":
      return sql`${col} is null`;
    case "is_true":
      return has(sql`${col} = true`);
    case "is_false":
      return isAttr ? not(has(sql`${col} = true`)) : sql`${col} = false`;
  }
  throw new ValidationError(`Unsupported operator “${condition.op}”.`);
}

/**
 * A filter as a SQL predicate over the contacts alias `c`. Values are always bound parameters; an
 * unknown field or an operator that does not fit the field's type is a ValidationError, never SQL.
 */
export function compileFilter(input: unknown, ctx: CompileContext): SQL | undefined {
  const parsed = filterSchema.safeParse(input);
  if (!parsed.success) {
    // Our own refinements (control characters) say what is wrong; zod's structural messages would not help.
    const custom = parsed.error.issues.find((i) => i.code === "custom");
    throw new ValidationError(custom?.message ?? "The filter is not valid.");
  }
  const filter: Filter = parsed.data;
  const joinWith = (join: "and" | "or") => (join === "and" ? sql` and ` : sql` or `);
  const parts = filter.conditions.flatMap((item) => {
    if (!isGroup(item)) return [sql`(${compileCondition(item, ctx)})`];
    if (item.conditions.length === 0) return [];
    return [sql`(${sql.join(item.conditions.map((c) => sql`(${compileCondition(c, ctx)})`), joinWith(item.join))})`];
  });
  return parts.length ? sql`(${sql.join(parts, joinWith(filter.join))})` : undefined;
}
