import { z } from "zod";
import { idSchema } from "@/lib/forms";
import { defineAction } from "@/lib/safe-action";
import { createSegment, deleteSegment, segmentInputSchema, updateSegment } from "./segments";

/**
 * Saved segments: anyone may keep their own. Sharing one, and changing a shared one (its owner or
 * an admin), are checked in lib/segments/segments.ts.
 */
export const segmentActions = {
  create: defineAction({
    permission: "segments.view",
    schema: segmentInputSchema,
    run: async (input, { user, actor }) => ({ id: (await createSegment(input, user, actor)).id }),
  }),
  rename: defineAction({
    permission: "segments.view",
    schema: z.object({ id: idSchema, name: segmentInputSchema.shape.name }),
    run: async ({ id, name }, { user, actor }) => {
      await updateSegment(id, { name }, user, actor);
    },
  }),
  /** "Update segment": the conditions being edited on the list replace the segment's. */
  update: defineAction({
    permission: "segments.view",
    schema: z.object({ id: idSchema, filter: segmentInputSchema.shape.filter, search: segmentInputSchema.shape.search }),
    run: async ({ id, filter, search }, { user, actor }) => {
      await updateSegment(id, { filter, search }, user, actor);
    },
  }),
  delete: defineAction({
    permission: "segments.view",
    schema: z.object({ id: idSchema }),
    run: async ({ id }, { user, actor }) => {
      await deleteSegment(id, user, actor);
    },
  }),
};
