import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db";
import { contactEmails, contactPhones, contacts, duplicateClusterMembers, duplicateClusters, duplicateDismissals, type DuplicateReason } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { contactDisplayName } from "@/lib/contacts/display";
import { NOT_TRASHED, notTrashed } from "@/lib/contacts/trashed";
import { MAX_MERGE } from "@/lib/contacts/merge-plan";
import { NotFoundError } from "@/lib/errors";
import { formatPhone } from "@/lib/phone";

export const CLUSTERS_PER_PAGE = 20;

export interface ClusterContact {
  id: number;
  contactKey: string;
  name: string;
  company: string | null;
  city: string | null;
  phones: string[];
  emails: string[];
}

export interface ClusterView {
  id: number;
  exact: boolean;
  reasons: DuplicateReason[];
  computedAt: Date;
  contacts: ClusterContact[];
}

/**
 * A cluster is shown while two of its contacts are left outside Trash (a merge from the drawer leaves
 * one; a contact deleted since waits in Trash, where no duplicate is proposed).
 */
const shown = sql`(select count(*) from ${duplicateClusterMembers} m join ${contacts} c on c.id = m.contact_id
  where m.cluster_id = ${duplicateClusters.id} and ${NOT_TRASHED}) >= 2`;

/** Its number of contacts: the page shows the largest clusters first (ids follow the order clusters were found in). */
const size = sql`(select count(*) from ${duplicateClusterMembers} m where m.cluster_id = ${duplicateClusters.id})`;

/** One page of clusters, exact ones first, then the largest, each with its contacts and their identifiers. */
export async function listClusters(page: number, perPage = CLUSTERS_PER_PAGE): Promise<{ total: number; clusters: ClusterView[] }> {
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(duplicateClusters)
      .where(shown)
      .orderBy(desc(duplicateClusters.exact), desc(size), asc(duplicateClusters.id))
      .limit(perPage)
      .offset((page - 1) * perPage),
    db.select({ n: sql<number>`count(*)::int` }).from(duplicateClusters).where(shown),
  ]);
  const ids = rows.map((r) => r.id);
  const members = ids.length
    ? await db
        .select({ clusterId: duplicateClusterMembers.clusterId, id: contacts.id, contactKey: contacts.contactKey, fullName: contacts.fullName, company: contacts.company, city: contacts.city })
        .from(duplicateClusterMembers)
        .innerJoin(contacts, eq(contacts.id, duplicateClusterMembers.contactId))
        .where(and(inArray(duplicateClusterMembers.clusterId, ids), notTrashed()))
        .orderBy(asc(contacts.createdAt), asc(contacts.id))
    : [];
  const contactIds = members.map((m) => m.id);
  const [phones, emails] = contactIds.length
    ? await Promise.all([
        db.select({ contactId: contactPhones.contactId, value: contactPhones.e164 }).from(contactPhones).where(inArray(contactPhones.contactId, contactIds)).orderBy(asc(contactPhones.id)),
        db.select({ contactId: contactEmails.contactId, value: contactEmails.email }).from(contactEmails).where(inArray(contactEmails.contactId, contactIds)).orderBy(asc(contactEmails.id)),
      ])
    : [[], []];
  const of = (list: { contactId: number; value: string }[], id: number) => list.filter((x) => x.contactId === id).map((x) => x.value);
  return {
    total: count?.n ?? 0,
    clusters: rows.map((r) => ({
      id: r.id,
      exact: r.exact,
      reasons: r.reasons,
      computedAt: r.computedAt,
      contacts: members
        .filter((m) => m.clusterId === r.id)
        .map((m) => ({
          id: m.id,
          contactKey: m.contactKey,
          name: contactDisplayName(m),
          company: m.company,
          city: m.city,
          phones: of(phones, m.id).map(formatPhone),
          emails: of(emails, m.id),
        })),
    })),
  };
}

export interface ExactSummary {
  clusters: number;
  contacts: number;
  /** Exact clusters too large for one merge (MAX_MERGE), left for the drawer. */
  tooLarge: number;
}

/** What "Merge all exact clusters" would merge, for its confirmation. */
export async function exactSummary(): Promise<ExactSummary> {
  const [row] = await db.execute<{ clusters: number; contacts: number; too_large: number }>(sql`
    select count(*) filter (where n <= ${MAX_MERGE})::int as clusters, coalesce(sum(n) filter (where n <= ${MAX_MERGE}), 0)::int as contacts,
      count(*) filter (where n > ${MAX_MERGE})::int as too_large
    from (select count(*) as n from ${duplicateClusterMembers} m join ${duplicateClusters} k on k.id = m.cluster_id where k.exact group by k.id having count(*) >= 2) s`);
  return { clusters: row?.clusters ?? 0, contacts: row?.contacts ?? 0, tooLarge: row?.too_large ?? 0 };
}

/** The exact clusters "Merge all" works through, in page order. */
export async function exactClusterIds(): Promise<number[]> {
  const rows = await db
    .select({ id: duplicateClusters.id })
    .from(duplicateClusters)
    .where(and(eq(duplicateClusters.exact, true), shown, sql`(select count(*) from ${duplicateClusterMembers} m where m.cluster_id = ${duplicateClusters.id}) <= ${MAX_MERGE}`))
    .orderBy(asc(duplicateClusters.id));
  return rows.map((r) => r.id);
}

/**
 * "Not duplicates": every pair of the cluster's contacts is recorded, so the finder never proposes
 * any of them together again, and the cluster goes. Audited, in one transaction.
 */
export async function dismissCluster(clusterId: number, actor: Actor): Promise<{ contactIds: number[] }> {
  return db.transaction(async (tx) => {
    const [cluster] = await tx.select().from(duplicateClusters).where(eq(duplicateClusters.id, clusterId)).for("update");
    if (!cluster) throw new NotFoundError("This cluster is no longer there: the duplicates were recomputed or merged. Reload the page.");
    const members = await tx
      .select({ id: duplicateClusterMembers.contactId, key: contacts.contactKey })
      .from(duplicateClusterMembers)
      .innerJoin(contacts, eq(contacts.id, duplicateClusterMembers.contactId))
      .where(eq(duplicateClusterMembers.clusterId, clusterId))
      .orderBy(asc(duplicateClusterMembers.contactId));
    const pairs = members.flatMap((a, i) => members.slice(i + 1).map((b) => ({ lowId: a.id, highId: b.id, decidedById: actor.id })));
    if (pairs.length) await tx.insert(duplicateDismissals).values(pairs).onConflictDoNothing();
    await tx.delete(duplicateClusters).where(eq(duplicateClusters.id, clusterId));
    await recordAudit(tx, actor, {
      action: "duplicates.dismiss",
      entityType: "duplicate_cluster",
      entityId: clusterId,
      before: { reasons: cluster.reasons, exact: cluster.exact },
      after: { contactIds: members.map((m) => m.id), contactKeys: members.map((m) => m.key) },
    });
    return { contactIds: members.map((m) => m.id) };
  });
}
