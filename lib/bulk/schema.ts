import { z } from "zod";
import { SUBSCRIPTION_STATUSES, type BulkActionKind, type SubscriptionStatus } from "@/db/schema/enums";
import { requiredSystemValue } from "@/lib/fields/schema";
import { idSchema } from "@/lib/forms";
import { selectionSchema } from "./selection";

const tagIds = z.array(idSchema).min(1, "Pick at least one tag.").max(50, "Pick at most 50 tags.");

/**
 * The change a bulk action makes, with its parameters. Export is not here: it streams from
 * GET /api/contacts/export rather than running as a job.
 */
export const bulkChangeSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("add_tags"), tagIds }),
  z.object({ action: z.literal("remove_tags"), tagIds }),
  /** `agentId: null` clears the favorite agent. */
  z.object({ action: z.literal("assign"), agentId: idSchema.nullable() }),
  z.object({ action: z.literal("subscription"), status: requiredSystemValue<SubscriptionStatus>("subscription") }),
  /** `blocked: false` unblocks. */
  z.object({ action: z.literal("block"), blocked: z.boolean().default(true) }),
  /** The number the user typed in the Delete contacts dialog: it must equal the selection's count at confirm time. */
  z.object({ action: z.literal("delete"), confirmCount: z.coerce.number().int().nonnegative() }),
  /** Out of Trash (SPEC §9): the contacts come back as they were. */
  z.object({ action: z.literal("restore") }),
  /** Delete forever, from Trash: confirmed like a delete, with the count typed. */
  z.object({ action: z.literal("purge"), confirmCount: z.coerce.number().int().nonnegative() }),
]);
export type BulkChange = z.output<typeof bulkChangeSchema>;
export type BulkChangeInput = z.input<typeof bulkChangeSchema>;

export const startBulkInputSchema = z.object({ selection: selectionSchema, change: bulkChangeSchema });
export type StartBulkInput = z.input<typeof startBulkInputSchema>;

/** What a job row keeps as its params (the confirmation count is checked, not stored). */
/** The actions on contacts in Trash: they select from Trash and need contacts.trash. */
export const TRASH_ACTIONS: readonly BulkChange["action"][] = ["restore", "purge"];

export type StoredParams =
  | { tagIds: number[] }
  | { agentId: number | null }
  | { status: (typeof SUBSCRIPTION_STATUSES)[number] }
  | { blocked: boolean }
  | Record<string, never>;

export function paramsOf(change: BulkChange): StoredParams {
  switch (change.action) {
    case "add_tags":
    case "remove_tags":
      return { tagIds: [...new Set(change.tagIds)].sort((a, b) => a - b) };
    case "assign":
      return { agentId: change.agentId };
    case "subscription":
      return { status: change.status };
    case "block":
      return { blocked: change.blocked };
    case "delete":
    case "restore":
    case "purge":
      return {};
  }
}

/** Reads a job's action and params back into a change (confirmCount is irrelevant once the job exists). */
export function changeOf(action: BulkActionKind, params: unknown): BulkChange {
  const parsed = bulkChangeSchema.safeParse({ ...(params as object), action, confirmCount: 0 });
  if (!parsed.success) throw new Error(`Bulk job with unreadable params for ${action}`);
  return parsed.data;
}
