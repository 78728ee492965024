import { ne } from "drizzle-orm";
import { db } from "@/db";
import { importJobs } from "@/db/schema";
import { importFileKey } from "@/lib/import/job/files";
import { fileStore, StoredFileMissingError, type FileStore } from "@/lib/storage";

/**
 * The erased person's rows in the files imports keep (lib/storage): an upload (kept until its job
 * ends), the review's and the job's rejected rows, the rows imported with a warning. Each file that
 * holds one of the person's identifiers is rewritten without those records, streamed (written beside
 * it, then renamed over it). The other rows stay: they are other people's, and the error report is
 * still what the import's supervisor needs. The file's first record (its header row) is never removed.
 */

export interface PersonNeedles {
  /** Lower-cased e-mail addresses. */
  emails: string[];
  /** Digits of the E.164 numbers, without "+". */
  phoneDigits: string[];
  /** Contact IDs and external ids, as stored. */
  exact: string[];
}

/** Splits CSV text given piece by piece into records (quoted newlines stay inside their record), each with its line ending. */
export class CsvRecordSplitter {
  #pending = "";
  #quoted = false;

  push(text: string): string[] {
    const records: string[] = [];
    const all = this.#pending + text;
    let start = 0;
    for (let i = this.#pending.length; i < all.length; i++) {
      const c = all[i];
      if (c === '"') this.#quoted = !this.#quoted;
      else if (c === "\n" && !this.#quoted) {
        records.push(all.slice(start, i + 1));
        start = i + 1;
      }
    }
    this.#pending = all.slice(start);
    return records;
  }

  end(): string[] {
    const rest = this.#pending;
    this.#pending = "";
    return rest ? [rest] : [];
  }
}

export function csvRecords(text: string): string[] {
  const splitter = new CsvRecordSplitter();
  return [...splitter.push(text), ...splitter.end()];
}

/** Whether a record names the person: an e-mail in it, a cell whose digits are one of their numbers (however typed), an exact id. */
export function recordNames(record: string, needles: PersonNeedles): boolean {
  const lower = record.toLowerCase();
  if (needles.emails.some((e) => lower.includes(e))) return true;
  if (needles.exact.some((x) => record.includes(x))) return true;
  // Cells split loosely on every delimiter the import reads: a phone is never split by them.
  for (const cell of record.split(/[,;\t]/)) {
    const digits = cell.replace(/\D/g, "");
    // A national number (7+ digits) typed without its country code still names the line.
    if (digits.length >= 7 && needles.phoneDigits.some((p) => p === digits || p.endsWith(digits))) return true;
  }
  return false;
}

/** A stored file's records, read as UTF-8 (a byte-order mark kept), streamed. */
async function* storedRecords(store: FileStore, key: string): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const splitter = new CsvRecordSplitter();
  for await (const chunk of store.read(key)) yield* splitter.push(decoder.decode(chunk, { stream: true }));
  yield* splitter.push(decoder.decode());
  yield* splitter.end();
}

/** Rewrites one file without the person's records; returns how many it removed (0: the file is left untouched). */
export async function scrubFile(store: FileStore, key: string, needles: PersonNeedles): Promise<number> {
  let named = 0;
  try {
    let header = true;
    for await (const record of storedRecords(store, key)) {
      if (!header && recordNames(record, needles)) named += 1;
      header = false;
    }
  } catch (error) {
    if (error instanceof StoredFileMissingError) return 0;
    throw error;
  }
  if (named === 0) return 0;
  async function* kept(): AsyncGenerator<Uint8Array> {
    let header = true;
    for await (const record of storedRecords(store, key)) {
      if (header || !recordNames(record, needles)) yield Buffer.from(record, "utf8");
      header = false;
    }
  }
  const temporary = `${key}.erasing`;
  await store.put(temporary, kept());
  await store.rename(temporary, key);
  return named;
}

/**
 * Every import file that may hold the person, scrubbed. Run after the erasure commits: a file is
 * not transactional, and a rolled-back erasure must not have removed anything. Uploads in a
 * non-UTF-8 encoding are read as UTF-8, which finds ASCII identifiers (e-mails, digits) all the same.
 * The files of an import running right now are left alone: it is reading its upload and appending
 * to its result files at lengths its checkpoint holds, and a rewrite under it would break it.
 */
export async function scrubImportFiles(needles: PersonNeedles): Promise<{ files: number; rows: number }> {
  const jobs = await db
    .select({ id: importJobs.id, filePath: importJobs.filePath, errors: importJobs.errorFilePath, warnings: importJobs.warningFilePath })
    .from(importJobs)
    .where(ne(importJobs.status, "running"));
  const store = fileStore();
  let files = 0;
  let rows = 0;
  for (const job of jobs) {
    const keys = new Set([job.filePath, job.errors, job.warnings, importFileKey(job.id, "review-errors"), importFileKey(job.id, "errors"), importFileKey(job.id, "warnings")]);
    for (const key of keys) {
      if (!key) continue;
      const removed = await scrubFile(store, key, needles);
      if (removed > 0) {
        files += 1;
        rows += removed;
      }
    }
  }
  return { files, rows };
}
