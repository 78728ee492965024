"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { columnsSchema, resetColumnPreference, saveColumnPreference } from "@/lib/contacts/table-preferences";
import { safeAction } from "@/lib/safe-action";

export const saveColumnsAction = safeAction({
  permission: "preferences.edit",
  schema: columnsSchema,
  run: async ({ columns }, { user, actor }) => {
    const saved = await saveColumnPreference(user.id, columns, actor);
    revalidatePath("/contacts");
    return saved;
  },
});

export const resetColumnsAction = safeAction({
  permission: "preferences.edit",
  schema: z.object({}),
  run: async (_input, { user, actor }) => {
    await resetColumnPreference(user.id, actor);
    revalidatePath("/contacts");
  },
});
