import type { FileStore } from "./file-store";
import { PostgresStore } from "./postgres-store";
import { S3Store } from "./s3-store";
import { s3Settings } from "./s3-settings";

export type { FileStore, StoredFile } from "./file-store";
export { readHead, StoredFileMissingError } from "./file-store";

const cache = globalThis as unknown as { __switchboardFileStore?: { signature: string; store: FileStore } };

/**
 * The store this process keeps files in: the S3-compatible bucket when SWITCHBOARD_S3_BUCKET is
 * set, PostgreSQL otherwise. Throws StorageSettingsError on incomplete settings (the server checks
 * them at start: instrumentation.ts).
 */
export function fileStore(): FileStore {
  const settings = s3Settings();
  const signature = JSON.stringify(settings);
  if (cache.__switchboardFileStore?.signature !== signature) {
    cache.__switchboardFileStore = { signature, store: settings ? new S3Store(settings) : new PostgresStore() };
  }
  return cache.__switchboardFileStore.store;
}
