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

/** Everything a filter can refer to: fields (with custom attributes), tags and active users. */
export async function loadFilterContext(): Promise<FilterContextData> {
  const [attributes, tagRows, userRows] = await Promise.all([
    db.select().from(attributeDefinitions).orderBy(asc(attributeDefinitions.position), asc(attributeDefinitions.id)),
    db.select({ id: tags.id, name: tags.name }).from(tags).orderBy(asc(tags.name)),
    db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name)),
  ]);
  return {
    fields: filterFields(attributes),
    tags: tagRows.map((t) => ({ value: String(t.id), label: t.name })),
    users: userRows.map((u) => ({ value: String(u.id), label: u.name })),
  };
}
