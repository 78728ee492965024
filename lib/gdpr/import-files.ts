import { readFile, rename, writeFile } from "node:fs/promises";
import { db } from "@/db";
import { importJobs } from "@/db/schema";
import { importFilePath } from "@/lib/import/job/storage";

/**
 * The erased person's rows in the files imports keep on disk: an upload (kept until its job ends),
 * the review's and the job's rejected rows, the rows imported with a warning. Each file that holds
 * one of the person's identifiers is rewritten without those records (written beside it, then renamed
 * over it, so a reader sees the old file or the new one). The other rows stay: they are other
 * people's, and the error report is still what the import's supervisor needs. The file's first
 * record (its header row) is never removed.
 */

export interface PersonNeedles {
  /** Lower-cased e-mail addresses. */
  emails: string[];
  /** Digits of the E.164 numbers, without "+". */
  phoneDigits: string[];
  /** Contact IDs and external ids, as stored. */
  exact: string[];
}

/** Splits CSV text into records (quoted newlines stay inside their record), each with its line ending. */
export function csvRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === "\n" && !quoted) {
      records.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) records.push(text.slice(start));
  return records;
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

/** Rewrites one file without the person's records; returns how many it removed (0: the file is left untouched). */
export async function scrubFile(file: string, needles: PersonNeedles): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  const [header = "", ...rows] = csvRecords(text);
  const kept = rows.filter((r) => !recordNames(r, needles));
  if (kept.length === rows.length) return 0;
  const temporary = `${file}.erasing`;
  await writeFile(temporary, header + kept.join(""), "utf8");
  await rename(temporary, file);
  return rows.length - kept.length;
}

/**
 * Every import file that may hold the person, scrubbed. Run after the erasure commits: a file is
 * not transactional, and a rolled-back erasure must not have removed anything. Uploads in a
 * non-UTF-8 encoding are read as UTF-8, which finds ASCII identifiers (e-mails, digits) all the same.
 */
export async function scrubImportFiles(needles: PersonNeedles): Promise<{ files: number; rows: number }> {
  const jobs = await db.select({ id: importJobs.id, filePath: importJobs.filePath, errors: importJobs.errorFilePath, warnings: importJobs.warningFilePath }).from(importJobs);
  let files = 0;
  let rows = 0;
  for (const job of jobs) {
    const paths = new Set([job.filePath, job.errors, job.warnings, importFilePath(job.id, "review-errors"), importFilePath(job.id, "errors"), importFilePath(job.id, "warnings")]);
    for (const file of paths) {
      if (!file) continue;
      const removed = await scrubFile(file, needles);
      if (removed > 0) {
        files += 1;
        rows += removed;
      }
    }
  }
  return { files, rows };
}
