/**
 * Where the app keeps files (uploads, an import's rejected and warned rows): never on the app
 * server's disk, so that any instance can read what another wrote. Two backends — PostgreSQL (the
 * default: postgres-store.ts) and an S3-compatible bucket (s3-store.ts) — chosen by `fileStore()`.
 *
 * A file is a sequence of parts, each known by the byte offset where it starts. `put` writes a
 * whole file; `append` adds a part at the end; `truncate` deletes the parts from a length on, which
 * is how a resumed import cuts a result file back to the length its checkpoint committed.
 * Keys are server-made (`imports/<job id>.csv`), never a name a user gave.
 */
export interface FileStore {
  /**
   * Streams `chunks` into the file `key`, replacing what it held once the last chunk is written
   * (until then readers see the old content), with back-pressure (a chunk is read after the previous
   * one is written away). Over `maxBytes` it stops reading, keeps nothing and throws
   * UploadTooLargeError. Returns the size and the first `headBytes` bytes.
   */
  put(key: string, chunks: AsyncIterable<Uint8Array>, limits?: PutLimits): Promise<StoredFile>;
  /**
   * Adds `data` as the part that starts at byte `at`, which must be the file's length (0 creates
   * the file). A part left there by an append that is being redone is replaced.
   */
  append(key: string, at: number, data: Uint8Array): Promise<void>;
  /**
   * Deletes the parts that start at or past `length`, which must be where a part starts or the end;
   * cut to 0 the file is deleted (a missing file cut to 0 is fine).
   */
  truncate(key: string, length: number): Promise<void>;
  /** The file's bytes in order, from `offset` on; throws StoredFileMissingError when there is no such file. */
  read(key: string, options?: { offset?: number }): AsyncIterable<Uint8Array>;
  /** The file's length in bytes, or null when there is no such file. */
  size(key: string): Promise<number | null>;
  /** Deletes files; a key with no file is fine. */
  delete(...keys: string[]): Promise<void>;
  /** Moves a file over another key (replacing what was there). */
  rename(from: string, to: string): Promise<void>;
  /** Deletes what `put`s that never finished (their process was killed) left behind, older than `olderThanHours`. */
  sweep(olderThanHours: number): Promise<void>;
}

export interface PutLimits {
  maxBytes?: number;
  headBytes?: number;
}

export interface StoredFile {
  size: number;
  /** The first bytes of the file (up to `headBytes`), for a preview. */
  head: Uint8Array;
}

export class StoredFileMissingError extends Error {
  constructor(readonly key: string) {
    super(`No stored file ${key}.`);
  }
}

export class NotAPartBoundaryError extends Error {
  constructor(key: string, at: number, size: number) {
    super(`${key}: ${at} is not where a part starts (the file is ${size} bytes).`);
  }
}

/** The first `bytes` bytes of a stored file and its size (the reading stops once it has them). */
export async function readHead(store: FileStore, key: string, bytes: number): Promise<StoredFile> {
  const size = await store.size(key);
  if (size === null) throw new StoredFileMissingError(key);
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of store.read(key)) {
    if (length >= bytes) break;
    const part = chunk.subarray(0, bytes - length);
    parts.push(part);
    length += part.length;
  }
  return { size, head: Buffer.concat(parts) };
}
