import { fileStore } from "@/lib/storage";

/**
 * The files of an import, kept in the app's file store (lib/storage: PostgreSQL, or S3 when set)
 * so that any instance's worker reads an upload made through another. Keys are server-made
 * (`imports/<job id>.csv`, `imports/<job id>.errors.csv`, …); the name the user gave is only ever
 * displayed.
 */
export type ImportFileKind = "upload" | "review-errors" | "errors" | "warnings";

const SUFFIX: Record<ImportFileKind, string> = {
  upload: ".csv",
  "review-errors": ".review-errors.csv",
  errors: ".errors.csv",
  warnings: ".warnings.csv",
};

export function importFileKey(jobId: string, kind: ImportFileKind): string {
  return `imports/${jobId}${SUFFIX[kind]}`;
}

/** 200 MB by default: a million-row export is about 100 MB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export function maxUploadBytes(): number {
  const configured = Number(process.env.SWITCHBOARD_IMPORT_MAX_BYTES);
  return Number.isSafeInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_UPLOAD_BYTES;
}

/** Removes files an import no longer needs; a file already gone is fine. */
export async function removeFiles(...keys: (string | null | undefined)[]): Promise<void> {
  const present = keys.filter((k): k is string => Boolean(k));
  if (present.length) await fileStore().delete(...present);
}
