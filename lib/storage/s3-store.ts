import { Readable } from "node:stream";
import { CopyObjectCommand, DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { NotAPartBoundaryError, StoredFileMissingError, type FileStore, type PutLimits, type StoredFile } from "./file-store";
import type { S3Settings } from "./s3-settings";
import { LimitedChunks } from "./upload-limit";

/** Bytes one GET reads: a reader holds at most this (and the next range) in memory. */
const READ_BYTES = 1024 * 1024;
/** Multipart part size of an upload (S3's minimum is 5 MB); one part is sent while the next fills. */
const PART_BYTES = 5 * 1024 * 1024;

interface Part {
  name: string;
  start: number;
  size: number;
}

/**
 * Files in an S3-compatible bucket. A file `k` is the objects `k/<start>`, one per part, named by
 * the zero-padded byte offset where the part starts so that a listing returns them in order: `put`
 * writes one object at 0, `append` one more object, `truncate` deletes the objects from a length on.
 */
export class S3Store implements FileStore {
  readonly client: S3Client;
  readonly bucket: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      credentials: settings.credentials,
      forcePathStyle: settings.forcePathStyle,
      // Checksums only where S3 requires them: many S3-compatible servers refuse the SDK's default
      // CRC32 trailers on streamed bodies.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  async put(key: string, chunks: AsyncIterable<Uint8Array>, limits?: PutLimits): Promise<StoredFile> {
    const limited = new LimitedChunks(limits);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: partName(key, 0), Body: Readable.from(limited.read(chunks), { objectMode: false }) },
      partSize: PART_BYTES,
      queueSize: 1,
    });
    try {
      await upload.done();
    } catch (error) {
      await upload.abort().catch(() => {});
      throw error;
    }
    // The new content is the object at 0; parts an older content had past it go.
    const stale = (await this.#parts(key)).filter((p) => p.start > 0);
    await this.#deleteObjects(stale.map((p) => p.name));
    return { size: limited.size, head: limited.head };
  }

  /** Nothing to do: an upload that never finished is aborted, or left to the bucket's lifecycle rule for incomplete multipart uploads. */
  async sweep(): Promise<void> {}

  async append(key: string, at: number, data: Uint8Array): Promise<void> {
    const size = sizeOfParts(await this.#parts(key));
    if (at !== (size ?? 0)) throw new NotAPartBoundaryError(key, at, size ?? 0);
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: partName(key, at), Body: data, ContentLength: data.length }));
  }

  async truncate(key: string, length: number): Promise<void> {
    const parts = await this.#parts(key);
    const size = sizeOfParts(parts);
    if (size === null) {
      if (length === 0) return;
      throw new StoredFileMissingError(key);
    }
    if (length > size || parts.some((p) => p.start < length && p.start + p.size > length)) throw new NotAPartBoundaryError(key, length, size);
    await this.#deleteObjects(parts.filter((p) => p.start >= length).map((p) => p.name));
  }

  async *read(key: string, options: { offset?: number } = {}): AsyncGenerator<Uint8Array> {
    const parts = await this.#parts(key);
    if (parts.length === 0) throw new StoredFileMissingError(key);
    const offset = options.offset ?? 0;
    for (const part of parts) {
      const end = part.start + part.size;
      for (let from = Math.max(offset, part.start); from < end; from += READ_BYTES) {
        const to = Math.min(end, from + READ_BYTES) - 1;
        const got = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: part.name, Range: `bytes=${from - part.start}-${to - part.start}` }));
        yield await got.Body!.transformToByteArray();
      }
    }
  }

  async size(key: string): Promise<number | null> {
    return sizeOfParts(await this.#parts(key));
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) await this.#deleteObjects((await this.#parts(key)).map((p) => p.name));
  }

  /** Not atomic on S3: a reader during the move may find the file missing. */
  async rename(from: string, to: string): Promise<void> {
    if (from === to) return;
    const parts = await this.#parts(from);
    if (parts.length === 0) throw new StoredFileMissingError(from);
    await this.delete(to);
    for (const part of parts) {
      await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: partName(to, part.start), CopySource: `${this.bucket}/${encodeURI(part.name)}` }));
    }
    await this.#deleteObjects(parts.map((p) => p.name));
  }

  async #parts(key: string): Promise<Part[]> {
    const prefix = `${key}/`;
    const parts: Part[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        const rest = object.Key!.slice(prefix.length);
        if (/^\d{15}$/.test(rest)) parts.push({ name: object.Key!, start: Number(rest), size: object.Size ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return parts.sort((a, b) => a.start - b.start);
  }

  async #deleteObjects(names: string[]): Promise<void> {
    for (let i = 0; i < names.length; i += 1000) {
      const batch = names.slice(i, i + 1000);
      await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
    }
  }
}

function partName(key: string, start: number): string {
  return `${key}/${String(start).padStart(15, "0")}`;
}

function sizeOfParts(parts: Part[]): number | null {
  const last = parts.at(-1);
  return last ? last.start + last.size : null;
}
