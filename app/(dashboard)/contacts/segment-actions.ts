"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { safeAction } from "@/lib/safe-action";
import { createSegment, deleteSegment, segmentInputSchema, updateSegment } from "@/lib/segments/segments";

const id = z.coerce.number().int().positive();

export const createSegmentAction = safeAction({
  permission: "segments.view",
  schema: segmentInputSchema,
  run: async (input, { user, actor }) => {
    const segment = await createSegment(input, user, actor);
    revalidatePath("/contacts");
    return { id: segment.id };
  },
});

export const renameSegmentAction = safeAction({
  permission: "segments.view",
  schema: z.object({ id, name: segmentInputSchema.shape.name }),
  run: async ({ id, name }, { user, actor }) => {
    await updateSegment(id, { name }, user, actor);
    revalidatePath("/contacts");
  },
});

export const deleteSegmentAction = safeAction({
  permission: "segments.view",
  schema: z.object({ id }),
  run: async ({ id }, { user, actor }) => {
    await deleteSegment(id, user, actor);
    revalidatePath("/contacts");
  },
});
