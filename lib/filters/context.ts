import { asc, desc, eq, isNotNull } from "drizzle-orm";
import { db } from "@/db";
import { attributeDefinitions, importJobs, tags, users } from "@/db/schema";
import { countOf } from "@/lib/plural";
import type { Option } from "@/lib/contacts/fields";
import { filterFields, type FilterField } from "./fields";

export interface FilterContextData {
  fields: FilterField[];
  tags: Option[];
  users: Option[];
  /** The latest imports that ran (an older one still filters; its chip just cannot name it). */
  imports: Option[];
}

const IMPORT_OPTIONS = 100;

/** The fields a filter may name in this workspace (system fields and custom attributes). */
export async function loadFilterFields(): Promise<FilterField[]> {
  const attributes = await db.select().from(attributeDefinitions).orderBy(asc(attributeDefinitions.position), asc(attributeDefinitions.id));
  return filterFields(attributes);
}

/** Everything a filter can refer to: fields (with custom attributes), tags, active users and recent imports. */
export async function loadFilterContext(): Promise<FilterContextData> {
  const [fields, tagRows, userRows, importRows] = await Promise.all([
    loadFilterFields(),
    db.select({ id: tags.id, name: tags.name }).from(tags).orderBy(asc(tags.name)),
    db.select({ id: users.id, name: users.name }).from(users).where(eq(users.active, true)).orderBy(asc(users.name)),
    db
      .select({ id: importJobs.id, fileName: importJobs.fileName, created: importJobs.createdCount, merged: importJobs.mergedCount })
      .from(importJobs)
      .where(isNotNull(importJobs.startedAt))
      .orderBy(desc(importJobs.createdAt))
      .limit(IMPORT_OPTIONS),
  ]);
  return {
    fields,
    tags: tagRows.map((t) => ({ value: String(t.id), label: t.name })),
    users: userRows.map((u) => ({ value: String(u.id), label: u.name })),
    imports: importRows.map((j) => ({ value: j.id, label: `${j.fileName} (${countOf(j.created + j.merged, "contact")})` })),
  };
}
