import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { attributeDefinitions, tablePreferences, workspaceSettings } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { ValidationError } from "@/lib/errors";
import { DEFAULT_COLUMNS, listColumns, sanitizeColumns, type ListColumn } from "./columns";

export interface ListContext {
  columns: ListColumn[];
  visible: string[];
  defaultCountry: string;
}

/** What the list page needs besides the rows: every column, this user's visible ones, the default country. */
export async function loadListContext(userId: number): Promise<ListContext> {
  const [attributes, [preference], [workspace]] = await Promise.all([
    db
      .select({ id: attributeDefinitions.id, key: attributeDefinitions.key, label: attributeDefinitions.label, type: attributeDefinitions.type })
      .from(attributeDefinitions)
      .orderBy(asc(attributeDefinitions.position), asc(attributeDefinitions.id)),
    db.select().from(tablePreferences).where(eq(tablePreferences.userId, userId)),
    db.select({ defaultCountry: workspaceSettings.defaultCountry }).from(workspaceSettings).limit(1),
  ]);
  const columns = listColumns(attributes);
  const known = new Set(columns.map((c) => c.id));
  return {
    columns,
    visible: sanitizeColumns(preference?.columns ?? DEFAULT_COLUMNS, known),
    defaultCountry: workspace?.defaultCountry ?? "US",
  };
}

export const columnsSchema = z.object({
  columns: z.array(z.string().max(100)).min(1, "Show at least one column.").max(200),
});

/** Saves the user's visible columns in order. Unknown ids are an error, not silently dropped. */
export async function saveColumnPreference(userId: number, columns: string[], actor: Actor): Promise<string[]> {
  const { columns: all } = await loadListContext(userId);
  const known = new Set(all.map((c) => c.id));
  const unknown = columns.filter((id) => !known.has(id));
  if (unknown.length) throw new ValidationError(`Unknown column: ${unknown.join(", ")}`);
  const clean = sanitizeColumns(columns, known);
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(tablePreferences).where(eq(tablePreferences.userId, userId));
    await tx
      .insert(tablePreferences)
      .values({ userId, columns: clean })
      .onConflictDoUpdate({ target: tablePreferences.userId, set: { columns: clean, updatedAt: new Date() } });
    await recordAudit(tx, actor, {
      action: "preferences.columns",
      entityType: "user",
      entityId: userId,
      before: before?.columns ?? null,
      after: clean,
    });
  });
  return clean;
}

export async function resetColumnPreference(userId: number, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.delete(tablePreferences).where(eq(tablePreferences.userId, userId)).returning();
    await recordAudit(tx, actor, { action: "preferences.reset", entityType: "user", entityId: userId, before: before?.columns ?? null, after: null });
  });
}
