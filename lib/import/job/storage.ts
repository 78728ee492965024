import { createWriteStream } from "node:fs";
import { mkdir, rm, truncate } from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";
import { PayloadTooLargeError } from "@/lib/errors";

/**
 * Where uploaded files and the files an import writes (rejected rows, warnings) are kept: under
 * `.data/imports` of the app (git-ignored), or SWITCHBOARD_IMPORT_DIR. Names are server-made
 * (`<job id>.csv`, `<job id>.errors.csv`, …); the name the user gave is only ever displayed.
 */
export function importDir(): string {
  return path.resolve(process.env.SWITCHBOARD_IMPORT_DIR ?? path.join(process.cwd(), ".data", "imports"));
}

export type ImportFileKind = "upload" | "review-errors" | "errors" | "warnings";

const SUFFIX: Record<ImportFileKind, string> = {
  upload: ".csv",
  "review-errors": ".review-errors.csv",
  errors: ".errors.csv",
  warnings: ".warnings.csv",
};

export function importFilePath(jobId: string, kind: ImportFileKind): string {
  return path.join(importDir(), `${jobId}${SUFFIX[kind]}`);
}

/** 200 MB by default: a million-row export is about 100 MB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export function maxUploadBytes(): number {
  const configured = Number(process.env.SWITCHBOARD_IMPORT_MAX_BYTES);
  return Number.isSafeInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_UPLOAD_BYTES;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export class UploadTooLargeError extends PayloadTooLargeError {
  constructor(limit: number) {
    super(`The file is larger than ${formatBytes(limit)}, the most one import takes. Split it into smaller files and import them one after another.`);
  }
}

export interface StoredUpload {
  size: number;
  /** The first bytes of the file (up to `headBytes`), for the preview. */
  head: Uint8Array;
}

/**
 * Streams an upload to `target` with back-pressure, never holding more than one chunk plus the
 * head in memory. Over `maxBytes` it stops reading, deletes what was written and throws
 * UploadTooLargeError.
 */
export async function storeUpload(
  chunks: AsyncIterable<Uint8Array>,
  target: string,
  options: { maxBytes: number; headBytes: number },
): Promise<StoredUpload> {
  await mkdir(path.dirname(target), { recursive: true });
  const out = createWriteStream(target, { flags: "wx" });
  const head: Uint8Array[] = [];
  let headLength = 0;
  let size = 0;
  try {
    for await (const chunk of chunks) {
      size += chunk.length;
      if (size > options.maxBytes) throw new UploadTooLargeError(options.maxBytes);
      if (headLength < options.headBytes) {
        const part = chunk.subarray(0, options.headBytes - headLength);
        head.push(part.slice());
        headLength += part.length;
      }
      if (!out.write(chunk)) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
  } catch (error) {
    out.destroy();
    await rm(target, { force: true });
    throw error;
  }
  return { size, head: Buffer.concat(head) };
}

/** Removes files an import no longer needs; a file already gone is fine. */
export async function removeFiles(...paths: (string | null | undefined)[]): Promise<void> {
  await Promise.all(paths.filter((p): p is string => Boolean(p)).map((p) => rm(p, { force: true })));
}

/**
 * Cuts a result file back to its committed length before a resumed job appends to it again
 * (creating it empty when it does not exist yet).
 */
export async function truncateTo(file: string, bytes: number): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await truncate(file, bytes);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT" || bytes !== 0) throw error;
  }
}
