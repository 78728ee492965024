import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { workspaceSettings, type WorkspaceSettings } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { isCountryCode } from "@/lib/countries";
import { refuseControlChars } from "@/lib/fields/text";

const DEFAULTS = { name: "Switchboard", defaultCountry: "US" };

/** The single settings row (created by the migrations); defaults if it is somehow missing. */
export async function getWorkspaceSettings(): Promise<Pick<WorkspaceSettings, "name" | "defaultCountry">> {
  const [row] = await db
    .select({ name: workspaceSettings.name, defaultCountry: workspaceSettings.defaultCountry })
    .from(workspaceSettings)
    .where(eq(workspaceSettings.id, 1));
  return row ?? DEFAULTS;
}

/** The country a phone number typed without + belongs to. */
export async function defaultCountry(): Promise<string> {
  return (await getWorkspaceSettings()).defaultCountry;
}

export const workspaceInput = z.object({
  name: z.string().trim().min(1, "Enter the workspace's name.").max(100, "Use at most 100 characters.").superRefine(refuseControlChars("The name")),
  defaultCountry: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCountryCode, "Pick a country from the list."),
});

export async function updateWorkspace(input: z.output<typeof workspaceInput>, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(workspaceSettings).where(eq(workspaceSettings.id, 1)).for("update");
    const [after] = await tx
      .insert(workspaceSettings)
      .values({ id: 1, name: input.name, defaultCountry: input.defaultCountry })
      .onConflictDoUpdate({
        target: workspaceSettings.id,
        set: { name: input.name, defaultCountry: input.defaultCountry, updatedAt: new Date() },
      })
      .returning();
    await recordAudit(tx, actor, { action: "workspace.update", entityType: "workspace", entityId: 1, before: before ?? null, after });
  });
}
