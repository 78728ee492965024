import { spawn, type ChildProcess } from "node:child_process";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { activities, bulkJobs, contacts, type User } from "@/db/schema";
import { runBulkJob } from "@/lib/bulk/run";
import { startBulkAction } from "@/lib/bulk/start";
import { runImportJob } from "@/lib/import/job/run-job";
import { configureAndQueue, contactsWithPhones, counts, importPhone, loadJob, uploadCsv } from "@/lib/import/test-helpers";
import { makeContacts } from "@/lib/testing/bulk-fixtures";
import { makeUser } from "@/lib/testing/factories";

// A server killed (SIGKILL: no clean-up of any kind) while it runs an import or a bulk delete, then
// the job taken up again, as the queue does after a restart: it resumes, and the counts add up.

let supervisor: User;
beforeAll(async () => {
  supervisor = await makeUser("supervisor");
});

function runInChild(kind: "import" | "bulk", jobId: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "lib/testing/job-child.ts", kind, jobId], { env: process.env, stdio: ["ignore", "ignore", "inherit"] });
}

/** Waits until `progress()` reaches `atLeast` (the child has committed some work), then kills the child. */
async function killWhen(child: ChildProcess, progress: () => Promise<number>, atLeast: number): Promise<number> {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (const started = Date.now(); Date.now() - started < 60_000; ) {
    if (child.exitCode !== null) throw new Error(`the job's process ended before it could be killed (${child.exitCode})`);
    const done = await progress();
    if (done >= atLeast) {
      child.kill("SIGKILL");
      await exited;
      return done;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error("the job made no progress in its own process");
}

/**
 * The job taken up again as the queue does after a restart: retried while the killed process's
 * connection still holds the job's lock (PostgreSQL releases it once it notices the connection is
 * gone, which a backend busy with a statement does only when that statement ends).
 */
async function takenUpAgain<T>(run: () => Promise<T>, stillHeld: (result: T) => boolean): Promise<T> {
  for (const started = Date.now(); ; ) {
    const result = await run();
    if (!stillHeld(result) || Date.now() - started > 15_000) return result;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("a server killed mid-job", () => {
  it("an import resumes after its last committed batch: every row once, nothing twice", async () => {
    const phones = Array.from({ length: 800 }, () => importPhone());
    const csv = ["First Name,Phone", ...phones.map((p, i) => `Killed${i},${p}`)].join("\r\n") + "\r\n";
    const draft = await uploadCsv(supervisor, csv, "killed.csv");
    await configureAndQueue(supervisor, draft.job.id, draft.mapping);

    const done = await killWhen(runInChild("import", draft.job.id), async () => (await loadJob(draft.job.id)).processedRows, 100);
    const killed = await loadJob(draft.job.id);
    expect(killed.status).toBe("running");
    expect(done).toBeLessThan(800);

    expect(await takenUpAgain(() => runImportJob(draft.job.id, { batchSize: 50 }), (r) => r === "busy")).toBe("completed");
    const job = await loadJob(draft.job.id);
    expect(counts(job)).toEqual({ created: 800, merged: 0, skipped: 0, failed: 0, warnings: 0 });
    expect(await contactsWithPhones(phones)).toHaveLength(800);
    const [{ n }] = (await db
      .select({ n: sql<number>`count(*)::int` })
      .from(activities)
      .where(and(eq(activities.type, "imported"), sql`${activities.payload}->>'jobId' = ${job.id}`))) as [{ n: number }];
    expect(n).toBe(800);
  }, 120_000);

  it("a bulk delete resumes after its last committed chunk: every contact in Trash, the count exact", async () => {
    const people = await makeContacts(300);
    const ids = people.map((p) => p.id);
    const started = await startBulkAction({ selection: { ids }, change: { action: "delete", confirmCount: 300 } }, supervisor, { inlineLimit: 0 });
    const progress = async () => (await db.select({ p: bulkJobs.processed }).from(bulkJobs).where(eq(bulkJobs.id, started.id)))[0]!.p;

    await killWhen(runInChild("bulk", started.id), progress, 40);
    // A chunk may have committed between the last look and the kill: read what stands now.
    const done = await progress();
    expect(done).toBeLessThan(300);
    // A delete moves to Trash (SPEC §9): the contacts not reached yet are the live ones.
    const live = () => db.select({ id: contacts.id }).from(contacts).where(and(inArray(contacts.id, ids), isNull(contacts.trashedAt)));
    expect(await live()).toHaveLength(300 - done);

    expect(await takenUpAgain(() => runBulkJob(started.id, { chunkSize: 20 }), (v) => v.status === "running")).toMatchObject({ status: "completed", processed: 300, total: 300 });
    expect(await live()).toEqual([]);
  }, 120_000);
});
