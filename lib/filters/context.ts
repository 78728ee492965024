import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { attributeDefinitions, tags, users } from "@/db/schema";
import type { Option } from "@/lib/contacts/fields";
import { filterFields, type FilterField } from "./fields";

export interface FilterContextData {
  fields: FilterField[];
  tags: Option[];
  users: Option[];
}

/** The fields a filter may name in this workspace (system fields and custom attributes). */
export async function loadFilterFields(): Promise<FilterField[]> {
  const attributes = await db.select().from(attributeDefinitions).orderBy(asc(attributeDefinitions.position), asc(attributeDefinitions.id));
  return filterFields(attributes);
}

/** Everything a filter can refer to: fields (with custom attributes), tags and active users. */
export async function loadFilterContext(): Promise<FilterContextData> {
  const [fields, tagRows, userRows] = await Promise.all([
    loadFilterFields(),
    db.select({ id: tags.id, name: tags.name }).from(tags).orderBy(asc(tags.name)),
    db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name)),
  ]);
  return {
    fields,
    tags: tagRows.map((t) => ({ value: String(t.id), label: t.name })),
    users: userRows.map((u) => ({ value: String(u.id), label: u.name })),
  };
}
