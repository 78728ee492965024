/**
 * Benchmark of issue #19's last finding: the Review step of a big upload (150 MB by default),
 * generated here and never committed. The file is hostile on purpose: quoted multi-line cells,
 * formula cells, emoji, right-to-left overrides, national and exponent-shaped phone numbers, 2 %
 * of rows invalid. It is uploaded, auto-mapped and reviewed by the code the app runs
 * (createImportJob → saveImportSettings → reviewImport), with the wall time and the process's
 * peak RSS (sampled every 20 ms) reported. Everything it adds is removed at the end.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import { db } from "../../db";
import { importJobs, users } from "../../db/schema";
import { csvLine } from "../../lib/import/write/copy";
import { createImportJob } from "../../lib/import/job/create-job";
import { reviewImport, saveImportSettings } from "../../lib/import/job/review";
import { importFileKey, removeFiles } from "../../lib/import/job/files";
import { makeUser, actorOf } from "../../lib/testing/factories";

export interface ReviewBenchResult {
  name: "review";
  file_mb: number;
  rows: number;
  seconds: number;
  rows_per_s: number;
  peak_rss_mb: number;
  rss_before_mb: number;
  rejected: number;
}

const HEADERS = ["First Name", "Last Name", "E-mail Address", "Mobile Phone", "Company", "Notes", "City", "Country"];
const NAMES = ["Ana", "Zoë 😀", "=1+1", "\u202Etxt.exe", "Günter", "山田", "-1-1", "@SUM(A1)"];

/** Streams rows to `file` until it holds `bytes`: nothing of it is held in memory. */
export async function generateBigCsv(file: string, bytes: number, stamp: string): Promise<number> {
  const out = createWriteStream(file);
  let written = 0;
  let rows = 0;
  const write = async (text: string) => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, "drain");
  };
  await write(HEADERS.join(",") + "\r\n");
  while (written < bytes) {
    const i = rows++;
    const invalid = i % 50 === 7;
    // Unique numbers (exchange and line from the row number), written nationally, internationally or as Excel mangles them.
    const exchange = 200 + (Math.floor(i / 10_000) % 800);
    const line = String(i % 10_000).padStart(4, "0");
    const phone = i % 97 === 0 ? "1.2125550147E+10" : i % 3 === 0 ? `(303) ${exchange}-${line}` : `+1 720 ${exchange} ${line}`;
    const values = [
      NAMES[i % NAMES.length]!,
      `Row-${i}`,
      invalid ? `broken.${i}@` : `r.${stamp}.${i}@bench-review.test`,
      phone,
      `Company ${i % 997}, Inc.`,
      i % 10 === 0 ? `Line one\nline "two" of ${i}` : "",
      "Denver",
      "US",
    ];
    await write(csvLine(values).replace(/\n$/, "\r\n"));
  }
  out.end();
  await finished(out);
  return rows;
}

export async function benchReview(options: { megabytes: number; log: (m: string) => void }): Promise<ReviewBenchResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "switchboard-review-bench-"));
  process.env.SWITCHBOARD_IMPORT_MAX_BYTES = String(Math.max(200, options.megabytes + 10) * 1024 * 1024);
  const file = path.join(dir, "big.csv");
  const user = await makeUser("supervisor");
  let jobId: string | undefined;
  try {
    const rows = await generateBigCsv(file, options.megabytes * 1024 * 1024, Date.now().toString(36));
    const size = (await stat(file)).size;
    options.log(`review: generated ${rows} rows, ${(size / 2 ** 20).toFixed(1)} MB`);
    const actor = { ...actorOf(user), id: user.id };
    const draft = await createImportJob({ body: createReadStream(file), fileName: "big.csv" }, actor);
    jobId = draft.job.id;
    await saveImportSettings({ jobId, mapping: draft.mapping, options: { defaultCountry: "US", tags: [], existing: "merge" } }, actor);
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const start = performance.now();
    const review = await reviewImport(jobId);
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      name: "review",
      file_mb: Math.round(size / 2 ** 20),
      rows: review.totalRows,
      seconds: Math.round(seconds * 10) / 10,
      rows_per_s: Math.round(review.totalRows / seconds),
      peak_rss_mb: Math.round(peak / 2 ** 20),
      rss_before_mb: Math.round(before / 2 ** 20),
      rejected: review.counts.failed,
    };
  } finally {
    if (jobId) {
      await db.delete(importJobs).where(eq(importJobs.id, jobId));
      await removeFiles(importFileKey(jobId, "upload"), importFileKey(jobId, "review-errors"));
    }
    await db.delete(users).where(eq(users.id, user.id)).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}
