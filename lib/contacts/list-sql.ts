import { sql, type SQL } from "drizzle-orm";
import { SYSTEM_FIELDS, sqlColumnOf } from "./fields";
import type { ListColumn } from "./columns";
import type { SortSpec } from "./list-params";

/**
 * SQL pieces of the list query. Everything is written over the alias `c` for contacts, which is also
 * what a filter compiles to (lib/filters), so a filter is just one more predicate in the WHERE.
 */

const SPECIAL: Record<string, SQL> = {
  name: sql`lower(c.full_name)`,
  contactKey: sql`c.contact_key`,
  favoriteAgent: sql`(select lower(u.name) from users u where u.id = c.favorite_agent_id)`,
  phones: sql`(select p.e164 from contact_phones p where p.contact_id = c.id order by p.is_primary desc, p.id limit 1)`,
  emails: sql`(select e.email_normalized from contact_emails e where e.contact_id = c.id order by e.is_primary desc, e.id limit 1)`,
  tags: sql`(select min(lower(t.name)) from contact_tags ct join tags t on t.id = ct.tag_id where ct.contact_id = c.id)`,
};

/** The expression a system column sorts by. Only ids from SYSTEM_FIELDS reach here (validated). */
export function systemSortExpression(id: string): SQL {
  const special = SPECIAL[id];
  if (special) return special;
  const field = SYSTEM_FIELDS.find((f) => f.id === id);
  if (!field) throw new Error(`Unknown sort column ${id}`);
  const column = sql.raw(`c.${sqlColumnOf(id)}`);
  return field.type === "text" ? sql`lower(${column})` : column;
}

export function attributeValueColumn(type: NonNullable<ListColumn["attribute"]>["type"]): SQL {
  switch (type) {
    case "number":
      return sql.raw("v.number_value");
    case "date":
      return sql.raw("v.date_value");
    case "boolean":
      return sql.raw("v.bool_value");
    default:
      return sql.raw("v.text_value");
  }
}

/**
 * The list's order as one value per contact, `value dir nulls last, c.id dir`: last interaction,
 * newest first, by default; else the sorted column's value (a custom attribute's through a
 * subquery). The export follows it, so a file lists its rows as the list does.
 */
export interface ListOrder {
  value: SQL;
  desc: boolean;
}

export function listOrder(sort: SortSpec | null, columns: readonly ListColumn[]): ListOrder {
  if (!sort) return { value: sql`c.last_interaction_at`, desc: true };
  const attribute = columns.find((c) => c.id === sort.column)?.attribute;
  if (!attribute) return { value: systemSortExpression(sort.column), desc: sort.desc };
  const value = attributeValueColumn(attribute.type);
  return {
    value: sql`(select ${value} from contact_attribute_values v where v.contact_id = c.id and v.attribute_id = ${attribute.id})`,
    desc: sort.desc,
  };
}

/** `%text%` for LIKE, with LIKE's own wildcards escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

export function and(parts: (SQL | undefined)[]): SQL {
  const present = parts.filter((p): p is SQL => Boolean(p));
  return present.length ? sql.join(present.map((p) => sql`(${p})`), sql` and `) : sql`true`;
}
