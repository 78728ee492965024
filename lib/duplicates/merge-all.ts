import { asc, eq } from "drizzle-orm";
import { db } from "@/db";
import { contacts, duplicateClusterMembers, duplicateClusters } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { mergeContacts } from "@/lib/contacts/merge";
import { defaultPrimaryId } from "@/lib/contacts/merge-plan";
import { loadContactSnapshots } from "@/lib/contacts/snapshot";
import { DomainError } from "@/lib/errors";

export interface SkippedCluster {
  clusterId: number;
  contactKeys: string[];
  reason: string;
}

export interface MergeAllResult {
  merged: number;
  mergedContacts: number;
  skipped: SkippedCluster[];
}

/**
 * Merges each cluster on its own (its own transaction and audit entry, through the merge itself),
 * into the primary the merge drawer would choose. A cluster that changed since it was found — a
 * contact edited, merged or deleted, the cluster recomputed — is skipped and reported.
 */
export async function mergeExactClusters(clusterIds: number[], actor: Actor, onProgress?: (done: number, total: number) => Promise<void>): Promise<MergeAllResult> {
  const result: MergeAllResult = { merged: 0, mergedContacts: 0, skipped: [] };
  let done = 0;
  for (const clusterId of clusterIds) {
    const members = await db
      .select({ id: duplicateClusterMembers.contactId, version: duplicateClusterMembers.version, key: contacts.contactKey, exact: duplicateClusters.exact })
      .from(duplicateClusterMembers)
      .innerJoin(contacts, eq(contacts.id, duplicateClusterMembers.contactId))
      .innerJoin(duplicateClusters, eq(duplicateClusters.id, duplicateClusterMembers.clusterId))
      .where(eq(duplicateClusterMembers.clusterId, clusterId))
      .orderBy(asc(duplicateClusterMembers.contactId));
    const keys = members.map((m) => m.key);
    if (members.length < 2 || !members[0]!.exact) {
      result.skipped.push({ clusterId, contactKeys: keys, reason: "The cluster changed since it was found." });
    } else {
      try {
        const ids = members.map((m) => m.id);
        const primaryId = defaultPrimaryId(await loadContactSnapshots(db, ids))!;
        await mergeContacts({ primaryId, contactIds: ids }, actor, { expectedVersions: Object.fromEntries(members.map((m) => [m.id, m.version])) });
        await db.delete(duplicateClusters).where(eq(duplicateClusters.id, clusterId));
        result.merged++;
        result.mergedContacts += ids.length;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        result.skipped.push({ clusterId, contactKeys: keys, reason: error.message });
      }
    }
    await onProgress?.(++done, clusterIds.length);
  }
  return result;
}
