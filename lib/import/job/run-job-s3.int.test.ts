import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { storedFiles, type User } from "@/db/schema";
import { scrubImportFiles } from "@/lib/gdpr/import-files";
import { S3Store } from "@/lib/storage/s3-store";
import { makeUser, unique } from "@/lib/testing/factories";
import { startLocalS3, type LocalS3 } from "@/lib/testing/s3-server";
import { importFileKey } from "./files";
import { reviewImport } from "./review";
import { runImportJob } from "./run-job";
import { configureAndQueue, contactsWithPhones, counts, importPhone, isStored, loadJob, storedText, uploadCsv } from "../test-helpers";

// One whole import with SWITCHBOARD_S3_* set: upload, review, a run killed after its first batch and
// resumed, the erasure's scrub; every file in the bucket (s3rver), none in PostgreSQL.

let s3: LocalS3;
let bucket: S3Store;
let admin: User;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  s3 = await startLocalS3();
  bucket = new S3Store(s3.settings);
  for (const [k, v] of Object.entries(s3.env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  admin = await makeUser("admin");
});
afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await s3?.stop();
});

const csv = (...lines: string[]) => lines.join("\r\n") + "\r\n";

describe("an import on the S3 file store", () => {
  it("keeps its files in the bucket, resumes after a killed batch without listing a row twice, and ends with only its result files", async () => {
    const phones = Array.from({ length: 5 }, () => importPhone());
    const erased = `${unique("erased")}@example.com`;
    const draft = await uploadCsv(admin, csv("Name,Phone,Email", `A,${phones[0]},`, "Bad,12,", `B,${phones[1]},`, `Gone,1,${erased}`, `C,${phones[2]},`, `D,${phones[3]},`, "Worse,34,", `E,${phones[4]},`));
    const id = draft.job.id;
    expect(draft.preview.headers).toEqual(["Name", "Phone", "Email"]);
    expect(await bucket.size(importFileKey(id, "upload"))).toBeGreaterThan(0);

    const review = await reviewImport(id);
    expect(review.counts).toMatchObject({ created: 5, failed: 3 });
    expect((await storedText(importFileKey(id, "review-errors"))).split("\r\n").filter(Boolean)).toHaveLength(4);

    await configureAndQueue(admin, id, draft.mapping);
    await expect(runImportJob(id, { batchSize: 2, writers: 1, afterBatch: (batch) => (batch === 2 ? Promise.reject(new Error("killed")) : undefined) })).rejects.toThrow("killed");
    // As a killed process leaves it: a part appended by a batch that never committed.
    const errorKey = importFileKey(id, "errors");
    await bucket.append(errorKey, (await bucket.size(errorKey))!, Buffer.from('"99","uncommitted","x"\r\n'));
    expect(await runImportJob(id, { batchSize: 2, writers: 1 })).toBe("completed");

    const job = await loadJob(id);
    expect(counts(job)).toEqual({ created: 5, merged: 0, skipped: 0, failed: 3, warnings: 0 });
    expect(await contactsWithPhones(phones)).toHaveLength(5);
    const errors = (await storedText(job.errorFilePath!)).split("\r\n").filter(Boolean);
    expect(errors.slice(1).map((l) => l.split(",")[0])).toEqual(['"3"', '"5"', '"8"']);
    expect(errors.join()).not.toContain("uncommitted");

    // The upload and the review's file go with the job's end; the job's error file stays (and no warnings file: it had none).
    expect(await isStored(importFileKey(id, "upload"))).toBe(false);
    expect(await isStored(importFileKey(id, "review-errors"))).toBe(false);
    expect(await isStored(importFileKey(id, "warnings"))).toBe(false);
    expect(await bucket.size(job.errorFilePath!)).toBeGreaterThan(0);
    const inPostgres = await db.select().from(storedFiles).where(inArray(storedFiles.key, [importFileKey(id, "upload"), importFileKey(id, "errors")]));
    expect(inPostgres).toEqual([]);

    // The erasure's scrub finds the person in the bucket's file.
    const scrubbed = await scrubImportFiles({ emails: [erased], phoneDigits: [], exact: [] });
    expect(scrubbed.rows).toBeGreaterThanOrEqual(1);
    const after = await storedText(job.errorFilePath!);
    expect(after).not.toContain(erased);
    expect(after.split("\r\n").filter(Boolean)).toHaveLength(3);
    expect(await db.$count(storedFiles, eq(storedFiles.key, job.errorFilePath!))).toBe(0);
  });
});
