import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { bulkJobItems, bulkJobs, contacts, contactTags } from "@/db/schema";
import { actorOf, makeUser } from "@/lib/testing/factories";
import { activitiesOf, makeContacts, makeTag } from "@/lib/testing/bulk-fixtures";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { resetWorkers, startWorkers } from "@/lib/jobs/workers";
import { cancelBulkJob, getBulkJob, resumeBulkJob } from "./jobs";
import { runBulkJob } from "./run";
import { startBulkAction } from "./start";
import type { BulkJobView } from "./view";

// Everything here that runs a job with a hook comes before the workers start (last describe):
// a live worker would otherwise pick the same job up and finish it without the hook.

afterAll(async () => {
  await stopBoss();
  resetWorkers();
});

/** The contacts not deleted yet: a delete moves them to Trash (SPEC §9). */
const remaining = async (ids: number[]) =>
  (await db.select({ id: contacts.id }).from(contacts).where(and(inArray(contacts.id, ids), isNull(contacts.trashedAt)))).map((c) => c.id).sort((a, b) => a - b);
const items = (jobId: string) => db.select().from(bulkJobItems).where(eq(bulkJobItems.jobId, jobId)).orderBy(asc(bulkJobItems.id));

async function until(jobId: string, done: (job: BulkJobView) => boolean, timeoutMs = 20_000): Promise<BulkJobView> {
  const started = Date.now();
  for (;;) {
    const job = await getBulkJob(jobId);
    if (done(job)) return job;
    if (Date.now() - started > timeoutMs) throw new Error(`Job ${jobId} still ${job.status} (${job.processed}/${job.total})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("chunks, faults and resuming", () => {
  it("keeps finished chunks when one fails, marks the job failed, and resumes without redoing them", async () => {
    const supervisor = await makeUser("supervisor");
    const people = await makeContacts(7);
    const ids = people.map((p) => p.id);
    const job = await startBulkAction({ selection: { ids }, change: { action: "delete", confirmCount: 7 } }, supervisor, { inlineLimit: 0 });

    const failed = await runBulkJob(job.id, {
      chunkSize: 2,
      concurrency: 1,
      onChunk: ({ index }) => {
        if (index === 1) throw new Error("injected fault in the second chunk");
      },
    });
    expect(failed).toMatchObject({ status: "failed", processed: 2, total: 7 });
    expect(failed.lastError).toContain("resume the job");
    expect(await remaining(ids)).toEqual(ids.slice(2));
    const firstRun = await items(job.id);
    expect(firstRun.map((i) => i.done !== null)).toEqual([true, true, false, false, false, false, false]);

    const chunks: number[] = [];
    const resumed = await runBulkJob(job.id, { chunkSize: 2, concurrency: 1, onChunk: ({ size }) => void chunks.push(size) });
    expect(resumed).toMatchObject({ status: "completed", processed: 7, lastError: null });
    expect(chunks).toEqual([2, 2, 1]);
    expect(await remaining(ids)).toEqual([]);
    const secondRun = await items(job.id);
    // The chunk done before the fault kept its time: it was not done again.
    expect(secondRun.slice(0, 2).map((i) => i.done)).toEqual(firstRun.slice(0, 2).map((i) => i.done));
  });

  it("with chunks in parallel, a fault leaves processed equal to the chunks done, and resuming finishes exactly the rest", async () => {
    const supervisor = await makeUser("supervisor");
    const tag = await makeTag();
    const people = await makeContacts(40);
    const ids = people.map((p) => p.id);
    const job = await startBulkAction({ selection: { ids }, change: { action: "add_tags", tagIds: [tag.id] } }, supervisor, { inlineLimit: 0 });
    const failed = await runBulkJob(job.id, { chunkSize: 3, concurrency: 2, onChunk: ({ index }) => { if (index === 5) throw new Error("boom"); } });
    expect(failed.status).toBe("failed");
    const done = (await items(job.id)).filter((i) => i.done !== null).map((i) => i.contactId);
    expect(failed.processed).toBe(done.length);
    expect(done.length % 3).toBe(0);
    const tagged = async () => (await db.select().from(contactTags).where(inArray(contactTags.contactId, ids))).map((t) => t.contactId).sort((a, b) => a - b);
    expect(await tagged()).toEqual(done.sort((a, b) => a - b));
    expect(await runBulkJob(job.id, { chunkSize: 3, concurrency: 2 })).toMatchObject({ status: "completed", processed: 40 });
    expect(await tagged()).toEqual(ids);
    expect(await activitiesOf(ids, "tagged")).toHaveLength(40);
  });

  it("lets one runner at a time work on a job: a second one returns the job as it stands", async () => {
    const supervisor = await makeUser("supervisor");
    const people = await makeContacts(4);
    const job = await startBulkAction({ selection: { ids: people.map((p) => p.id) }, change: { action: "block" } }, supervisor, { inlineLimit: 0 });
    let second: BulkJobView | undefined;
    const first = await runBulkJob(job.id, {
      chunkSize: 2,
      concurrency: 1,
      onChunk: async ({ index }) => {
        if (index === 0) second = await runBulkJob(job.id);
      },
    });
    expect(second).toMatchObject({ status: "running", processed: 0 });
    expect(first).toMatchObject({ status: "completed", processed: 4 });
    expect(await activitiesOf(people.map((p) => p.id), "blocked")).toHaveLength(4);
  });

  it("rolls a failing chunk back whole: no half-tagged chunk, no timeline entries for it", async () => {
    const supervisor = await makeUser("supervisor");
    const tag = await makeTag();
    const people = await makeContacts(4);
    const ids = people.map((p) => p.id);
    const job = await startBulkAction({ selection: { ids }, change: { action: "add_tags", tagIds: [tag.id] } }, supervisor, { inlineLimit: 0 });
    await runBulkJob(job.id, { chunkSize: 3, concurrency: 1, onChunk: ({ index }) => { if (index === 0) throw new Error("boom"); } });
    expect(await db.select().from(contactTags).where(inArray(contactTags.contactId, ids))).toEqual([]);
    expect(await activitiesOf(ids)).toEqual([]);
    expect(await runBulkJob(job.id, { chunkSize: 3 })).toMatchObject({ status: "completed", processed: 4 });
    expect(await activitiesOf(ids, "tagged")).toHaveLength(4);
  });

  it("stops at the next chunk when cancelled; what was done stays done; a finished job cannot be cancelled", async () => {
    const supervisor = await makeUser("supervisor");
    const people = await makeContacts(6);
    const ids = people.map((p) => p.id);
    const job = await startBulkAction({ selection: { ids }, change: { action: "block" } }, supervisor, { inlineLimit: 0 });
    let cancelling: Promise<BulkJobView> | undefined;
    const result = await runBulkJob(job.id, {
      chunkSize: 2,
      concurrency: 1,
      onChunk: async ({ index }) => {
        // Cancelled while the second chunk is in flight: that chunk still commits, no other starts.
        if (index === 1) cancelling = cancelBulkJob(job.id, actorOf(supervisor));
        await cancelling;
      },
    });
    await cancelling;
    expect(result).toMatchObject({ status: "cancelled", processed: 4 });
    const rows = await db.select({ id: contacts.id, blocked: contacts.blocked }).from(contacts).where(inArray(contacts.id, ids)).orderBy(asc(contacts.id));
    expect(rows.map((r) => r.blocked)).toEqual([true, true, true, true, false, false]);
    await expect(cancelBulkJob(job.id, actorOf(supervisor))).rejects.toThrow("already cancelled");
    expect(await runBulkJob(job.id)).toMatchObject({ status: "cancelled", processed: 4 });
    await expect(resumeBulkJob(job.id)).rejects.toThrow("Only a failed bulk action can be resumed");
  });
});

describe("the queue", () => {
  it("runs a queued job in the background with progress, and finishes a job a stopped server left half done", async () => {
    const supervisor = await makeUser("supervisor");
    const tag = await makeTag();
    const people = await makeContacts(12);
    const ids = people.map((p) => p.id);

    // A job a previous server was running when it stopped: the first 5 items done, status running.
    const interrupted = await startBulkAction({ selection: { ids: ids.slice(0, 8) }, change: { action: "add_tags", tagIds: [tag.id] } }, supervisor, { inlineLimit: 0 });
    const boss = await getBoss();
    await boss.purgeQueue("bulk-action"); // its queue entry is lost along with that server
    await runBulkJob(interrupted.id, { chunkSize: 5, onChunk: ({ index }) => { if (index === 1) throw new Error("server stopped"); } });
    await db.update(bulkJobs).set({ status: "running", lastError: null }).where(eq(bulkJobs.id, interrupted.id));

    // Only this test's job: other test files leave "running" jobs of their own on purpose.
    await startWorkers({ queues: ["bulk-action"], recover: (id) => id === interrupted.id });
    const recovered = await until(interrupted.id, (j) => j.status === "completed");
    expect(recovered.processed).toBe(8);
    // Each contact was tagged and noted exactly once, though the job ran in two lives.
    expect(await activitiesOf(ids.slice(0, 8), "tagged")).toHaveLength(8);

    const queued = await startBulkAction({ selection: { ids: ids.slice(8) }, change: { action: "add_tags", tagIds: [tag.id] } }, supervisor, { inlineLimit: 0 });
    expect(queued.status).toBe("queued");
    expect(await until(queued.id, (j) => j.status === "completed")).toMatchObject({ processed: 4, total: 4 });
    expect(await db.select().from(contactTags).where(inArray(contactTags.contactId, ids))).toHaveLength(12);
    const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = 'bulk-action' and data->>'jobId' = ${queued.id}`);
    expect(row?.n).toBe(1);
  });

  it("resumes a failed job through the queue", async () => {
    const supervisor = await makeUser("supervisor");
    const people = await makeContacts(5);
    const ids = people.map((p) => p.id);
    const job = await startBulkAction({ selection: { ids }, change: { action: "subscription", status: "subscribed" } }, supervisor);
    await db.update(bulkJobs).set({ status: "failed", lastError: "test", processed: 0 }).where(eq(bulkJobs.id, job.id));
    await db.update(bulkJobItems).set({ done: null }).where(eq(bulkJobItems.jobId, job.id));
    expect(await resumeBulkJob(job.id)).toMatchObject({ status: "queued", lastError: null });
    expect(await until(job.id, (j) => j.status === "completed")).toMatchObject({ processed: 5 });
  });
});
