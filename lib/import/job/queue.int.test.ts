import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { User } from "@/db/schema";
import { makeUser } from "@/lib/testing/factories";
import { stopBoss } from "@/lib/jobs/boss";
import { resetWorkers, startWorkers } from "@/lib/jobs/workers";
import { enqueueImport } from "./queue";
import { runImportJob } from "./run-job";
import { configureAndQueue, contactsWithPhones, counts, importPhone, loadJob, uploadCsv } from "../test-helpers";

let admin: User;
beforeAll(async () => {
  admin = await makeUser("admin");
});
afterAll(async () => {
  await stopBoss();
  resetWorkers();
});

async function until(check: () => Promise<boolean>, ms = 25_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("timed out");
}

describe("the import queue (lib/jobs)", () => {
  it("a job left running by a dead server is picked up again when a worker starts, and resumes from its checkpoint", { timeout: 40_000 }, async () => {
    const phones = Array.from({ length: 5 }, () => importPhone());
    const draft = await uploadCsv(admin, "Phone\n" + phones.join("\n") + "\n");
    await configureAndQueue(admin, draft.job.id, draft.mapping);
    await expect(runImportJob(draft.job.id, { batchSize: 2, afterBatch: () => Promise.reject(new Error("server killed")) })).rejects.toThrow();
    expect(await loadJob(draft.job.id)).toMatchObject({ status: "running", processedRows: 2 });

    // Only this test's job: other test files leave "running" jobs of their own on purpose.
    await startWorkers({ queues: ["import"], recover: (id) => id === draft.job.id, housekeeping: false });
    await until(async () => (await loadJob(draft.job.id)).status === "completed");
    expect(counts(await loadJob(draft.job.id))).toMatchObject({ created: 5, merged: 0 });
    expect(await contactsWithPhones(phones)).toHaveLength(5);
  });

  it("runs a queued import in the background", { timeout: 40_000 }, async () => {
    const phones = [importPhone(), importPhone()];
    const draft = await uploadCsv(admin, "Phone\n" + phones.join("\n") + "\n");
    await configureAndQueue(admin, draft.job.id, draft.mapping);
    await startWorkers({ queues: ["import"], recover: () => false, housekeeping: false });
    await enqueueImport(draft.job.id);
    await until(async () => (await loadJob(draft.job.id)).status === "completed");
    expect(await contactsWithPhones(phones)).toHaveLength(2);
  });
});
