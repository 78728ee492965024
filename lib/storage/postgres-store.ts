// Raw postgres.js: bytea pieces streamed in and out one at a time (a read fetches the next piece while the reader works on this one).
import type postgres from "postgres";
import { rawSql } from "@/db";
import { NotAPartBoundaryError, StoredFileMissingError, type FileStore, type PutLimits, type StoredFile } from "./file-store";
import { LimitedChunks, rechunk } from "./upload-limit";

/**
 * The largest piece a row holds: big enough that a file is few rows (a 100 MB upload is 400),
 * small enough to stream. Not 1 MB: postgres.js keeps the last message it received (a piece, hex
 * encoded: twice its size) referenced per pooled connection, so a pool of 10 held 20 MB after a read.
 */
export const CHUNK_BYTES = 256 * 1024;

/** Files in PostgreSQL (db/schema/stored-files.ts): the default, with no setting. */
export class PostgresStore implements FileStore {
  async put(key: string, chunks: AsyncIterable<Uint8Array>, limits?: PutLimits): Promise<StoredFile> {
    const limited = new LimitedChunks(limits);
    const sql = rawSql();
    // Written under no key, a piece per statement (a slow upload holds no connection between
    // pieces), then put under `key` in one transaction: readers of the old content see it until then.
    const [file] = await sql<{ id: string }[]>`insert into stored_files default values returning id::text`;
    const id = file!.id;
    try {
      let start = 0;
      for await (const piece of rechunk(limited.read(chunks), CHUNK_BYTES)) {
        await sql`insert into stored_file_chunks (file_id, start, data) values (${id}, ${start}, ${piece})`;
        start += piece.length;
      }
      await sql.begin(async (tx) => {
        await tx`delete from stored_files where key = ${key}`;
        await tx`update stored_files set key = ${key} where id = ${id}`;
      });
    } catch (error) {
      await sql`delete from stored_files where id = ${id}`.catch(() => {});
      throw error;
    }
    return { size: limited.size, head: limited.head };
  }

  async sweep(olderThanHours: number): Promise<void> {
    await rawSql()`delete from stored_files where key is null and created_at < now() - make_interval(hours => ${olderThanHours})`;
  }

  async append(key: string, at: number, data: Uint8Array): Promise<void> {
    await rawSql().begin(async (tx) => {
      // Locks the file's row, so two appends to one file never interleave.
      const [file] = await tx<{ id: string }[]>`
        insert into stored_files (key) values (${key}) on conflict (key) do update set key = excluded.key returning id::text`;
      const id = file!.id;
      const size = await sizeOf(tx, id);
      if (at !== size) throw new NotAPartBoundaryError(key, at, size);
      for (let offset = 0; offset < data.length; offset += CHUNK_BYTES) {
        const piece = Buffer.from(data.buffer, data.byteOffset + offset, Math.min(CHUNK_BYTES, data.length - offset));
        await tx`insert into stored_file_chunks (file_id, start, data) values (${id}, ${at + offset}, ${piece})`;
      }
    });
  }

  async truncate(key: string, length: number): Promise<void> {
    await rawSql().begin(async (tx) => {
      const [file] = await tx<{ id: string }[]>`select id::text from stored_files where key = ${key} for update`;
      if (!file) {
        if (length === 0) return;
        throw new StoredFileMissingError(key);
      }
      const [cut] = await tx<{ inside: boolean }[]>`
        select true as inside from stored_file_chunks
        where file_id = ${file.id} and start < ${length} and start + length(data) > ${length} limit 1`;
      const size = await sizeOf(tx, file.id);
      if (cut || length > size) throw new NotAPartBoundaryError(key, length, size);
      // Cut back to nothing, the file is gone (as on S3, where a file is its parts).
      if (length === 0) await tx`delete from stored_files where id = ${file.id}`;
      else await tx`delete from stored_file_chunks where file_id = ${file.id} and start >= ${length}`;
    });
  }

  async *read(key: string, options: { offset?: number } = {}): AsyncGenerator<Uint8Array> {
    const sql = rawSql();
    const [file] = await sql<{ id: string }[]>`select id::text from stored_files where key = ${key}`;
    if (!file) throw new StoredFileMissingError(key);
    const size = await sizeOf(sql, file.id);
    let offset = options.offset ?? 0;
    const first = async () => {
      const [row] = await sql<{ start: string; data: Buffer }[]>`
        select start, data from stored_file_chunks
        where file_id = ${file.id} and start <= ${offset} order by start desc limit 1`;
      return row;
    };
    const after = async (start: number) => {
      const [row] = await sql<{ start: string; data: Buffer }[]>`
        select start, data from stored_file_chunks where file_id = ${file.id} and start > ${start} order by start limit 1`;
      return row;
    };
    let next = offset < size ? first() : Promise.resolve(undefined);
    try {
      while (offset < size) {
        const row = await next;
        // The file was replaced or deleted while being read: what was read so far is not a file.
        if (!row || Number(row.start) > offset) throw new StoredFileMissingError(key);
        const start = Number(row.start);
        const end = start + row.data.length;
        if (end < size) next = after(start);
        if (end > offset) yield row.data.subarray(offset - start);
        offset = Math.max(offset, end);
      }
    } finally {
      // A reader that stopped early leaves the read-ahead behind: its result is not wanted.
      next.catch(() => {});
    }
  }

  async size(key: string): Promise<number | null> {
    const sql = rawSql();
    const [file] = await sql<{ id: string }[]>`select id::text from stored_files where key = ${key}`;
    return file ? sizeOf(sql, file.id) : null;
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length) await rawSql()`delete from stored_files where key = any(${keys}::text[])`;
  }

  async rename(from: string, to: string): Promise<void> {
    if (from === to) return;
    await rawSql().begin(async (tx) => {
      const [file] = await tx<{ id: string }[]>`select id::text from stored_files where key = ${from} for update`;
      if (!file) throw new StoredFileMissingError(from);
      await tx`delete from stored_files where key = ${to}`;
      await tx`update stored_files set key = ${to} where id = ${file.id}`;
    });
  }
}

type Query = postgres.Sql | postgres.TransactionSql;

async function sizeOf(sql: Query, fileId: string): Promise<number> {
  const [row] = await sql<{ size: string }[]>`
    select coalesce((select start + length(data) from stored_file_chunks where file_id = ${fileId} order by start desc limit 1), 0)::text as size`;
  return Number(row!.size);
}
