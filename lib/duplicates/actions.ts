import { z } from "zod";
import { idSchema } from "@/lib/forms";
import { countOf } from "@/lib/plural";
import { defineAction } from "@/lib/safe-action";
import { dismissCluster } from "./clusters";
import { startCompute, startMergeAll } from "./jobs";

/** The duplicate finder is the mergers' page (SPEC §1: supervisors and admins merge). */
export const duplicateActions = {
  recompute: defineAction({
    permission: "contacts.merge",
    schema: z.object({}),
    run: async (_input, { actor }) => ({ ok: true, data: await startCompute(actor), message: "Looking for duplicates…" }),
  }),
  dismiss: defineAction({
    permission: "contacts.merge",
    schema: z.object({ clusterId: idSchema }),
    run: async (input, { actor }) => {
      const { contactIds } = await dismissCluster(input.clusterId, actor);
      return { ok: true, message: `Marked ${countOf(contactIds.length, "contact")} as not duplicates.` };
    },
  }),
  mergeAll: defineAction({
    permission: "contacts.merge",
    schema: z.object({}),
    run: async (_input, { actor }) => ({ ok: true, data: await startMergeAll(actor), message: "Merging the exact clusters…" }),
  }),
};
