import { randomUUID } from "node:crypto";
import { withoutControlChars } from "@/lib/fields/text";
import path from "node:path";
import { db } from "@/db";
import { importJobs } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { autoMap } from "../map/auto-map";
import { ImportFileError } from "../read/file-error";
import { defaultCountry } from "@/lib/workspace";
import { buildDraft, getImportJob, loadAttributes, PREVIEW_BYTES, previewHead, type ImportDraft } from "./jobs";
import { fileStore } from "@/lib/storage";
import { UploadTooLargeError } from "@/lib/storage/upload-limit";
import { importFileKey, maxUploadBytes, removeFiles } from "./files";

export interface UploadInput {
  /** The request body, chunk by chunk. */
  body: AsyncIterable<Uint8Array>;
  /** The name the browser gave; only displayed. */
  fileName: string;
  /** The declared length, when the client sent one: an oversized upload is refused before any byte is read. */
  contentLength?: number | null;
  maxBytes?: number;
}

/** A file name fit for display: the last path segment, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = withoutControlChars(path.basename(name.replace(/\\/g, "/"))).trim();
  return (base || "import.csv").slice(0, 200);
}

/**
 * The Upload step: streams the file to the file store (never whole into memory), reads its start to detect encoding,
 * delimiter and headers, and records a pending job with the automatic mapping. A file that cannot
 * be imported at all (empty, header only, duplicate or blank headers, not text) is refused with an
 * ImportFileError and nothing is kept.
 */
export async function createImportJob(input: UploadInput, actor: Actor & { id: number }): Promise<ImportDraft> {
  const maxBytes = input.maxBytes ?? maxUploadBytes();
  if (input.contentLength != null && input.contentLength > maxBytes) throw new UploadTooLargeError(maxBytes);
  const id = randomUUID();
  const filePath = importFileKey(id, "upload");
  const stored = await fileStore().put(filePath, input.body, { maxBytes, headBytes: PREVIEW_BYTES });
  try {
    if (stored.size === 0) throw new ImportFileError("The file is empty. Upload a CSV file with a header row and at least one row of data.");
    if (input.contentLength != null && input.contentLength !== stored.size) {
      throw new ImportFileError(`The upload was cut off: ${stored.size} of ${input.contentLength} bytes arrived. Upload the file again.`);
    }
    const preview = previewHead(stored.head, stored.size);
    const [attributes, country] = await Promise.all([loadAttributes(), defaultCountry()]);
    const mapping = autoMap(preview.headers, { attributes, sampleRows: preview.sampleRows });
    const options = { defaultCountry: country, tags: [], existing: "merge" as const };
    const fileName = cleanFileName(input.fileName);
    await db.transaction(async (tx) => {
      await tx.insert(importJobs).values({
        id,
        fileName,
        filePath,
        fileSize: stored.size,
        encoding: preview.encoding,
        delimiter: preview.delimiter,
        headers: preview.headers,
        mapping: { columns: mapping },
        options,
        status: "pending",
        createdById: actor.id,
      });
      await recordAudit(tx, actor, {
        action: "import.upload",
        entityType: "import_job",
        entityId: id,
        after: { fileName, fileSize: stored.size, encoding: preview.encoding, delimiter: preview.delimiter, columns: preview.headers.length },
      });
    });
    const { view } = await getImportJob(id);
    return buildDraft(view, preview, mapping, options, attributes);
  } catch (error) {
    await removeFiles(filePath);
    throw error;
  }
}
