import { PayloadTooLargeError } from "@/lib/errors";
import type { PutLimits } from "./file-store";

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

/**
 * What every backend's `put` reads its chunks through: counts them against `maxBytes` (throwing
 * UploadTooLargeError at the first byte past it, before that chunk is written) and keeps the head.
 */
export class LimitedChunks {
  size = 0;
  #head: Uint8Array[] = [];
  #headLength = 0;

  constructor(private readonly limits: PutLimits = {}) {}

  get head(): Uint8Array {
    return Buffer.concat(this.#head);
  }

  async *read(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    const maxBytes = this.limits.maxBytes ?? Infinity;
    const headBytes = this.limits.headBytes ?? 0;
    for await (const chunk of chunks) {
      this.size += chunk.length;
      if (this.size > maxBytes) throw new UploadTooLargeError(maxBytes);
      if (this.#headLength < headBytes) {
        const part = chunk.subarray(0, headBytes - this.#headLength);
        this.#head.push(part.slice());
        this.#headLength += part.length;
      }
      yield chunk;
    }
  }
}

/**
 * Regroups a stream of chunks of any size into pieces of exactly `size` bytes (the last one
 * shorter), copying at most one piece's worth at a time.
 */
export async function* rechunk(chunks: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Buffer> {
  let pending: Uint8Array[] = [];
  let length = 0;
  for await (let chunk of chunks) {
    while (length + chunk.length >= size) {
      const take = size - length;
      pending.push(chunk.subarray(0, take));
      yield Buffer.concat(pending, size);
      chunk = chunk.subarray(take);
      pending = [];
      length = 0;
    }
    if (chunk.length) {
      // Copied: a stream may reuse the buffer it handed over once the next chunk is asked for.
      pending.push(chunk.slice());
      length += chunk.length;
    }
  }
  if (length) yield Buffer.concat(pending, length);
}
