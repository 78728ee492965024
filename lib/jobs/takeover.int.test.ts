import { spawn, type ChildProcess } from "node:child_process";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { activities, bulkJobs, contacts, type User } from "@/db/schema";
import { bulkJobLiveness, runBulkJobFromQueue } from "@/lib/bulk/run";
import { startBulkAction } from "@/lib/bulk/start";
import { importQueueHandler } from "@/lib/import/job/queue";
import { configureAndQueue, contactsWithPhones, counts, importPhone, loadJob, uploadCsv } from "@/lib/import/test-helpers";
import { makeContacts } from "@/lib/testing/bulk-fixtures";
import { makeUser } from "@/lib/testing/factories";
import { enqueue, getBoss } from "./boss";
import { takeOverOrphans, type JobQueue } from "./takeover";
import { startWorkers } from "./workers";

// Several app instances: one dies (SIGKILL) while it runs an import or a bulk delete. The job's
// session advisory lock goes with its connection, and another instance's look for orphans puts it
// back on the queue, where a worker resumes it from its checkpoint. While the runner lives, nobody
// takes its job.

let supervisor: User;
beforeAll(async () => {
  supervisor = await makeUser("supervisor");
});

function runInChild(kind: "import" | "bulk", jobId: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "lib/testing/job-child.ts", kind, jobId], { env: process.env, stdio: ["ignore", "ignore", "inherit"] });
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  for (const started = Date.now(); Date.now() - started < ms; ) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The queue entry a dead instance had taken: active since a minute ago (pg-boss's state). */
async function takenByADeadInstance(queue: JobQueue, jobId: string): Promise<void> {
  await getBoss(); // makes pg-boss's schema on a fresh database
  if ((await entries(queue, jobId)).length === 0) await enqueue(queue, { jobId });
  await db.execute(sql`update pgboss.job set state = 'active', started_on = now() - interval '1 minute' where name = ${queue} and data->>'jobId' = ${jobId}`);
}

async function entries(queue: string, jobId: string): Promise<{ state: string }[]> {
  return db.execute<{ state: string }>(sql`select state::text from pgboss.job where name = ${queue} and data->>'jobId' = ${jobId} order by created_on`);
}

describe("a job whose instance died is taken over", () => {
  it("an import: left alone while its runner lives, queued once when it dies, finished by another worker with every row once", async () => {
    const phones = Array.from({ length: 600 }, () => importPhone());
    const csv = ["First Name,Phone", ...phones.map((p, i) => `Taken${i},${p}`)].join("\r\n") + "\r\n";
    const draft = await uploadCsv(supervisor, csv, "takeover.csv");
    await configureAndQueue(supervisor, draft.job.id, draft.mapping);
    await takenByADeadInstance("import", draft.job.id);
    const mine = (id: string) => id === draft.job.id;
    const liveness = importQueueHandler.liveness!;

    const child = runInChild("import", draft.job.id);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    await waitFor(async () => (await loadJob(draft.job.id)).processedRows >= 100, "the first batches");
    // Alive: its lock is held, so no instance takes it.
    expect(await takeOverOrphans("import", liveness, mine)).toEqual([]);

    child.kill("SIGKILL");
    await exited;
    expect((await loadJob(draft.job.id)).status).toBe("running");
    // PostgreSQL drops the dead connection's lock once it notices; then the next look queues it.
    let taken: string[] = [];
    await waitFor(async () => (taken = await takeOverOrphans("import", liveness, mine)).length > 0, "the takeover", 15_000);
    expect(taken).toEqual([draft.job.id]);
    // Queued once: the next look (this or another instance's) sees the waiting entry.
    expect(await takeOverOrphans("import", liveness, mine)).toEqual([]);
    expect((await entries("import", draft.job.id)).map((e) => e.state)).toEqual(["active", "created"]);

    await startWorkers({ queues: ["import"], recover: mine, housekeeping: false });
    await waitFor(async () => (await loadJob(draft.job.id)).status === "completed", "the import to finish", 60_000);
    expect(counts(await loadJob(draft.job.id))).toEqual({ created: 600, merged: 0, skipped: 0, failed: 0, warnings: 0 });
    expect(await contactsWithPhones(phones)).toHaveLength(600);
    const [{ n }] = (await db
      .select({ n: sql<number>`count(*)::int` })
      .from(activities)
      .where(and(eq(activities.type, "imported"), sql`${activities.payload}->>'jobId' = ${draft.job.id}`))) as [{ n: number }];
    expect(n).toBe(600);
  }, 120_000);

  it("a bulk delete: queued again when its runner dies, not before", async () => {
    const people = await makeContacts(200);
    const ids = people.map((p) => p.id);
    const started = await startBulkAction({ selection: { ids }, change: { action: "delete", confirmCount: 200 } }, supervisor, { inlineLimit: 0 });
    await takenByADeadInstance("bulk-action", started.id);
    const mine = (id: string) => id === started.id;
    const progress = async () => (await db.select({ p: bulkJobs.processed }).from(bulkJobs).where(eq(bulkJobs.id, started.id)))[0]!.p;

    const child = runInChild("bulk", started.id);
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    await waitFor(async () => (await progress()) >= 40, "the first chunks");
    expect(await takeOverOrphans("bulk-action", bulkJobLiveness, mine)).toEqual([]);
    child.kill("SIGKILL");
    await exited;

    let taken: string[] = [];
    await waitFor(async () => (taken = await takeOverOrphans("bulk-action", bulkJobLiveness, mine)).length > 0, "the takeover", 15_000);
    expect(taken).toEqual([started.id]);
    expect(await takeOverOrphans("bulk-action", bulkJobLiveness, mine)).toEqual([]);
    await runBulkJobFromQueue(started.id);
    const [job] = await db.select().from(bulkJobs).where(eq(bulkJobs.id, started.id));
    expect(job).toMatchObject({ status: "completed", processed: 200, total: 200 });
    expect(await db.select({ id: contacts.id }).from(contacts).where(and(inArray(contacts.id, ids), isNull(contacts.trashedAt)))).toEqual([]);
  }, 120_000);
});
