import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { useSetWiseSettings } from "@/db/set-wise";
import { bulkJobs, tags, users } from "@/db/schema";
import { recordAudit, userActor } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { ConflictError, ForbiddenError, ValidationError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/boss";
import { fieldErrorsOf } from "@/lib/field-errors";
import { runBulkJob } from "./run";
import { paramsOf, startBulkInputSchema, TRASH_ACTIONS, type BulkChange, type StartBulkInput } from "./schema";
import { resolveSelection } from "./selection";
import { toView, type BulkJobView } from "./view";
import { countOf } from "@/lib/plural";

/** Up to this many contacts a bulk action runs inline (one chunk, well under a second); beyond, in the background. */
export const INLINE_LIMIT = 5_000;

export interface StartOptions {
  inlineLimit?: number;
  chunkSize?: number;
}

async function checkChange(change: BulkChange): Promise<void> {
  if (change.action === "add_tags" || change.action === "remove_tags") {
    const wanted = [...new Set(change.tagIds)];
    const found = await db.select({ id: tags.id }).from(tags).where(inArray(tags.id, wanted));
    if (found.length !== wanted.length) {
      throw new ValidationError("One of the tags no longer exists. Pick the tags again.", { "change.tagIds": ["A tag no longer exists."] });
    }
  }
  if (change.action === "assign" && change.agentId !== null) {
    const [agent] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, change.agentId), eq(users.active, true)));
    if (!agent) throw new ValidationError("That agent does not exist or is deactivated.", { "change.agentId": ["Pick an active agent."] });
  }
}

/**
 * Starts a bulk action. In one transaction: records the job, fixes the set of contact ids it will
 * touch (one INSERT … SELECT into bulk_job_items — contacts that match the filter later are not
 * added) and writes the one audit entry of the action with its criteria, parameters and count.
 * The audit entry is written here, at confirmation, so it exists even if the server stops half-way;
 * the job row (status, processed) tells how far it went.
 *
 * A delete must be confirmed with the exact count the selection holds now. Up to `inlineLimit`
 * contacts the job runs before this returns; beyond, it is queued and this returns at once.
 */
export async function startBulkAction(raw: StartBulkInput, user: CurrentUser, options: StartOptions = {}): Promise<BulkJobView> {
  if (!can(user.role, "contacts.bulk")) throw new ForbiddenError("Only supervisors and admins can change contacts in bulk.");
  const parsed = startBulkInputSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("The bulk action is not valid.", fieldErrorsOf(parsed.error));
  const { selection: selectionInput, change } = parsed.data;
  const inlineLimit = options.inlineLimit ?? INLINE_LIMIT;
  const trash = TRASH_ACTIONS.includes(change.action);
  if (trash && !can(user.role, "contacts.trash")) throw new ForbiddenError("Only admins can restore contacts or delete them forever.");
  await checkChange(change);
  const selection = await resolveSelection(selectionInput, user, trash ? "trash" : "live");
  const params = paramsOf(change);
  const actor = userActor(user);

  const job = await db.transaction(async (tx) => {
    await useSetWiseSettings(tx);
    const [created] = await tx
      .insert(bulkJobs)
      .values({ action: change.action, params, criteria: selection.criteria, total: 0, createdById: user.id })
      .returning();
    const total = await selection.snapshot(tx, created!.id);
    if (total === 0) throw new ValidationError("No contacts match the selection: there is nothing to change.");
    if ((change.action === "delete" || change.action === "purge") && change.confirmCount !== total) {
      throw new ConflictError(
        `The selection now holds ${countOf(total, "contact")}, not ${change.confirmCount.toLocaleString("en-US")}. Check the number and confirm again.`,
        { count: total },
        { "change.confirmCount": [`Type ${total} to ${change.action === "purge" ? "delete these contacts forever" : "delete these contacts"}.`] },
      );
    }
    const status = total <= inlineLimit ? "pending" : "queued";
    const [job] = await tx.update(bulkJobs).set({ total, status }).where(eq(bulkJobs.id, created!.id)).returning();
    await recordAudit(tx, actor, {
      action: `contacts.bulk.${change.action}`,
      entityType: "bulk_job",
      entityId: created!.id,
      after: { action: change.action, params, criteria: selection.criteria, count: total },
    });
    return job!;
  });

  if (job.status === "pending") return runBulkJob(job.id, { chunkSize: options.chunkSize });
  try {
    await enqueue("bulk-action", { jobId: job.id });
  } catch (error) {
    console.error(`Could not queue bulk job ${job.id}`, error);
    const [failed] = await db
      .update(bulkJobs)
      .set({ status: "failed", lastError: "The job could not be queued. Resume it to try again." })
      .where(eq(bulkJobs.id, job.id))
      .returning();
    return toView(failed!);
  }
  return toView(job);
}
