import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, contacts, duplicateClusterMembers, duplicateClusters, duplicateDismissals, type Contact } from "@/db/schema";
import { contactActions } from "@/lib/contacts/actions";
import { actAs } from "@/lib/testing/act-as";
import { makeContact, makeUser, uniquePhone, unique } from "@/lib/testing/factories";
import { useOwnDatabase } from "@/lib/testing/own-database";
import { duplicateActions } from "./actions";
import { exactSummary, listClusters } from "./clusters";
import { computeDuplicates } from "./compute";
import { duplicateStatus, runDuplicateJob } from "./jobs";

useOwnDatabase("dups_decisions");

async function clusterOf(contactId: number) {
  const [member] = await db.select().from(duplicateClusterMembers).where(eq(duplicateClusterMembers.contactId, contactId));
  if (!member) return null;
  const [cluster] = await db.select().from(duplicateClusters).where(eq(duplicateClusters.id, member.clusterId));
  const members = await db.select().from(duplicateClusterMembers).where(eq(duplicateClusterMembers.clusterId, member.clusterId));
  return { id: cluster!.id, ids: members.map((m) => m.contactId).sort((a, b) => a - b), reasons: cluster!.reasons, exact: cluster!.exact };
}
const sorted = (...ids: number[]) => ids.sort((a, b) => a - b);
const twins = async (values: Partial<Contact> = {}) => {
  const v = { firstName: "Ida", lastName: unique("Lind"), company: unique("Co "), ...values };
  return [await makeContact(v), await makeContact(v)] as const;
};

describe("incremental checks after a create or an edit", () => {
  it("a contact created with the name and company of another joins it at once, and leaves when its company is changed", async () => {
    const supervisor = await makeUser("supervisor");
    const existing = await makeContact({ firstName: "Orla", lastName: unique("Quade"), company: unique("Mill ") });
    const created = await actAs(supervisor, contactActions.create, { firstName: "Orla", lastName: existing.lastName, company: existing.company, phone: uniquePhone() });
    expect(created.ok).toBe(true);
    const id = (created as { data: { id: number } }).data.id;
    expect(await clusterOf(id)).toMatchObject({ ids: sorted(existing.id, id), reasons: ["name_company"], exact: true });

    const [row] = await db.select().from(contacts).where(eq(contacts.id, id));
    const edited = await actAs(supervisor, contactActions.updateField, { contactId: id, version: row!.version, field: "company", value: unique("Elsewhere ") });
    expect(edited.ok).toBe(true);
    expect(await clusterOf(id)).toBeNull();
    expect(await clusterOf(existing.id)).toBeNull();
  });

  it("a similar name in the same company joins as a fuzzy cluster", async () => {
    const supervisor = await makeUser("supervisor");
    const company = unique("Works ");
    const existing = await makeContact({ firstName: "Maximilian", lastName: "Oberhauser", company });
    const created = await actAs(supervisor, contactActions.create, { firstName: "Maximillian", lastName: "Oberhauser", company, phone: uniquePhone() });
    const id = (created as { data: { id: number } }).data.id;
    expect(await clusterOf(id)).toMatchObject({ ids: sorted(existing.id, id), reasons: ["similar_name"], exact: false });
  });
});

describe("Not duplicates", () => {
  it("records every pair of the cluster (audited), the cluster goes, and a recompute never proposes it again", async () => {
    const supervisor = await makeUser("supervisor");
    const [a, b] = await twins();
    const c = await makeContact({ firstName: a.firstName, lastName: a.lastName, company: a.company });
    await computeDuplicates();
    const cluster = (await clusterOf(a.id))!;
    expect(cluster.ids).toEqual(sorted(a.id, b.id, c.id));

    expect(await actAs(await makeUser("agent"), duplicateActions.dismiss, { clusterId: cluster.id })).toEqual({ ok: false, message: "You are not allowed to do that." });
    expect(await actAs(supervisor, duplicateActions.dismiss, { clusterId: cluster.id })).toEqual({ ok: true, message: "Marked 3 contacts as not duplicates." });
    const pairs = await db.select({ low: duplicateDismissals.lowId, high: duplicateDismissals.highId }).from(duplicateDismissals).where(inArray(duplicateDismissals.lowId, [a.id, b.id, c.id]));
    expect(pairs).toHaveLength(3);
    expect(pairs.every((p) => p.low < p.high)).toBe(true);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "duplicates.dismiss"), eq(auditLog.entityId, String(cluster.id))));
    expect(entry).toMatchObject({ actorId: supervisor.id, entityType: "duplicate_cluster", after: { contactIds: cluster.ids } });
    expect(await clusterOf(a.id)).toBeNull();

    await computeDuplicates();
    expect(await clusterOf(a.id)).toBeNull();
    expect(await clusterOf(c.id)).toBeNull();
    // An edit does not bring the pair back either (the incremental check honours the decision).
    const [row] = await db.select().from(contacts).where(eq(contacts.id, c.id));
    await actAs(supervisor, contactActions.updateField, { contactId: c.id, version: row!.version, field: "city", value: "Oslo" });
    expect(await clusterOf(c.id)).toBeNull();
    expect(await actAs(supervisor, duplicateActions.dismiss, { clusterId: cluster.id })).toMatchObject({ ok: false, message: expect.stringContaining("no longer there") });
  });
});

describe("the background jobs", () => {
  it("Recompute runs the computation as a job with progress, and the page shows when", async () => {
    const supervisor = await makeUser("supervisor");
    const [a, b] = await twins();
    const started = await actAs(supervisor, duplicateActions.recompute, {});
    expect(started).toMatchObject({ ok: true, data: { kind: "compute", status: "queued" } });
    const jobId = (started as { data: { id: string } }).data.id;
    // A second click follows the same job.
    expect(await actAs(supervisor, duplicateActions.recompute, {})).toMatchObject({ ok: true, data: { id: jobId } });
    const done = await runDuplicateJob(jobId);
    expect(done).toMatchObject({ status: "completed", processed: done.total });
    expect(done.total).toBeGreaterThan(4);
    const status = await duplicateStatus();
    expect(status.computedAt).toEqual(done.finishedAt);
    expect(status.compute).toBeNull();
    const page = await listClusters(1, 100);
    const shown = page.clusters.find((k) => k.contacts.some((c) => c.id === a.id));
    expect(shown?.contacts.map((c) => c.id)).toEqual([a.id, b.id]);
    expect(shown).toMatchObject({ exact: true, reasons: ["name_company"] });
  });

  it("Merge all merges each exact cluster into the drawer's default primary, skips and reports a changed one, leaves fuzzy ones", async () => {
    const supervisor = await makeUser("supervisor");
    const [a1, a2] = await twins();
    // The oldest contact is the default primary, whatever the ids.
    await db.update(contacts).set({ createdAt: sql`now() - interval '3 years'` }).where(eq(contacts.id, a2.id));
    const [b1, b2] = await twins();
    const company = unique("Fuzz ");
    const f1 = await makeContact({ firstName: "Bartholomew", lastName: "Featherstone", company });
    const f2 = await makeContact({ firstName: "Bartholomew", lastName: "Featherston", company });
    await computeDuplicates();
    const summary = await exactSummary();
    expect(summary.clusters).toBeGreaterThanOrEqual(2);

    const started = await actAs(supervisor, duplicateActions.mergeAll, {});
    expect(started).toMatchObject({ ok: true, data: { kind: "merge_exact", total: summary.clusters } });
    // b2 is edited after the clusters were computed: its cluster is skipped.
    await db.update(contacts).set({ version: sql`${contacts.version} + 1` }).where(eq(contacts.id, b2.id));
    const done = await runDuplicateJob((started as { data: { id: string } }).data.id);
    expect(done).toMatchObject({ status: "completed", processed: summary.clusters });
    const result = done.result as { merged: number; skipped: { contactKeys: string[]; reason: string }[] };
    expect(result.skipped).toContainEqual(expect.objectContaining({ contactKeys: [b1.contactKey, b2.contactKey], reason: expect.stringContaining("changed") }));

    const left = await db.select({ id: contacts.id }).from(contacts).where(inArray(contacts.id, [a1.id, a2.id, b1.id, b2.id, f1.id, f2.id]));
    expect(left.map((r) => r.id).sort((x, y) => x - y)).toEqual(sorted(a2.id, b1.id, b2.id, f1.id, f2.id));
    const merges = await db.select().from(auditLog).where(and(eq(auditLog.action, "contact.merge"), eq(auditLog.entityId, String(a2.id))));
    expect(merges).toHaveLength(1);
    expect(merges[0]).toMatchObject({ actorId: supervisor.id });
    expect((await clusterOf(f1.id))?.ids).toEqual(sorted(f1.id, f2.id));
    expect(await actAs(await makeUser("agent"), duplicateActions.mergeAll, {})).toEqual({ ok: false, message: "You are not allowed to do that." });
  });
});
