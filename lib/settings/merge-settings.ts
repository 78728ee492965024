import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { workspaceSettings } from "@/db/schema";
import { MERGE_STRATEGIES, type MergeStrategy } from "@/db/schema/enums";
import { recordAudit, type Actor } from "@/lib/audit";

/**
 * The workspace's merge settings (SPEC §7, §8): how an integration's upsert recognises a person it
 * sends, one setting for leads and one for contacts. Stored in the workspace settings row, whose
 * `merge_strategy` enum type is the database's guard on the values.
 */

export interface MergeSettings {
  leads: MergeStrategy;
  contacts: MergeStrategy;
}

// As the migrations' column defaults, when the row is somehow missing.
const DEFAULTS: MergeSettings = { leads: "phone", contacts: "phone" };

export async function getMergeSettings(): Promise<MergeSettings> {
  const [row] = await db
    .select({ leads: workspaceSettings.mergeStrategyLeads, contacts: workspaceSettings.mergeStrategyContacts })
    .from(workspaceSettings)
    .where(eq(workspaceSettings.id, 1));
  return row ?? DEFAULTS;
}

const strategy = z.enum(MERGE_STRATEGIES, { error: "Pick one of the options." });
export const mergeSettingsInput = z.object({ leads: strategy, contacts: strategy });

/** Saves both settings, audited with the row before and after. */
export async function updateMergeSettings(input: z.output<typeof mergeSettingsInput>, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(workspaceSettings).where(eq(workspaceSettings.id, 1)).for("update");
    const set = { mergeStrategyLeads: input.leads, mergeStrategyContacts: input.contacts };
    const [after] = await tx
      .insert(workspaceSettings)
      .values({ id: 1, ...set })
      .onConflictDoUpdate({ target: workspaceSettings.id, set: { ...set, updatedAt: new Date() } })
      .returning();
    await recordAudit(tx, actor, { action: "workspace.merge_settings.update", entityType: "workspace", entityId: 1, before: before ?? null, after });
  });
}
