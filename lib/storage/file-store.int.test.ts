import { createHash, randomUUID } from "node:crypto";
import v8 from "node:v8";
import vm from "node:vm";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { startLocalS3, type LocalS3 } from "@/lib/testing/s3-server";
import { NotAPartBoundaryError, StoredFileMissingError, type FileStore } from "./file-store";
import { PostgresStore } from "./postgres-store";
import { S3Store } from "./s3-store";
import { UploadTooLargeError } from "./upload-limit";

// One contract, both backends: PostgreSQL (the default) and S3 (s3rver from npm, in a process of its own).

let s3: LocalS3;
const stores: Record<"postgres" | "s3", () => FileStore> = {
  postgres: () => new PostgresStore(),
  s3: () => new S3Store(s3.settings),
};

beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => {
  await s3?.stop();
});

async function* pieces(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield typeof p === "string" ? Buffer.from(p) : p;
}

async function readAll(store: FileStore, key: string, offset?: number): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const chunk of store.read(key, { offset })) parts.push(chunk);
  return Buffer.concat(parts).toString();
}

/** The live memory (heap and buffers) after a full collection: what the code still holds. */
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;
function liveBytes(): number {
  // Twice: buffers found dead by the first collection are released by the second.
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

describe.each(["postgres", "s3"] as const)("file store on %s", (backend) => {
  let store: FileStore;
  beforeAll(() => {
    store = stores[backend]();
  });
  const key = (name: string) => `test/${randomUUID()}/${name}`;

  it("puts a file from chunks, returning its size and head, and reads it back; a second put replaces it whole", async () => {
    const k = key("a.csv");
    const stored = await store.put(k, pieces("Name,Email\r\n", "Ada,", "ada@example.com\r\n"), { headBytes: 6 });
    expect(stored.size).toBe(33);
    expect(Buffer.from(stored.head).toString()).toBe("Name,E");
    expect(await store.size(k)).toBe(33);
    expect(await readAll(store, k)).toBe("Name,Email\r\nAda,ada@example.com\r\n");
    await store.append(k, 33, Buffer.from("Grace,g@example.com\r\n"));
    await store.put(k, pieces("new"));
    expect(await readAll(store, k)).toBe("new");
    expect(await store.size(k)).toBe(3);
    const empty = key("empty.csv");
    expect((await store.put(empty, pieces())).size).toBe(0);
    expect(await store.size(empty)).toBe(0);
    expect(await readAll(store, empty)).toBe("");
  });

  it("refuses a file over the limit at the first byte past it: the rest is not read, nothing is kept, an old file under the key stays", async () => {
    const k = key("big.csv");
    await store.put(k, pieces("old content"));
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled += 1;
        yield Buffer.alloc(1000, 97);
      }
    }
    const error = await store.put(k, endless(), { maxBytes: 2500 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadTooLargeError);
    expect((error as UploadTooLargeError).status).toBe(413);
    expect(pulled).toBe(3);
    expect(await readAll(store, k)).toBe("old content");
    const fresh = key("fresh.csv");
    await expect(store.put(fresh, pieces("x".repeat(11)), { maxBytes: 10 })).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(await store.size(fresh)).toBeNull();
  });

  it("appends parts at the file's length, and reads from any offset: inside a part, at a boundary, at the end", async () => {
    const k = key("errors.csv");
    await store.append(k, 0, Buffer.from("line,error\r\n"));
    await store.append(k, 12, Buffer.from("2,bad\r\n"));
    await store.append(k, 19, Buffer.from("3,worse\r\n"));
    expect(await store.size(k)).toBe(28);
    expect(await readAll(store, k)).toBe("line,error\r\n2,bad\r\n3,worse\r\n");
    expect(await readAll(store, k, 5)).toBe("error\r\n2,bad\r\n3,worse\r\n");
    expect(await readAll(store, k, 12)).toBe("2,bad\r\n3,worse\r\n");
    expect(await readAll(store, k, 21)).toBe("worse\r\n");
    expect(await readAll(store, k, 28)).toBe("");
    await expect(store.append(k, 12, Buffer.from("x"))).rejects.toBeInstanceOf(NotAPartBoundaryError);
    await expect(store.append(k, 40, Buffer.from("x"))).rejects.toBeInstanceOf(NotAPartBoundaryError);
  });

  it("truncates to a committed length by dropping the parts past it (the resume of an import); to 0 the file is gone", async () => {
    const k = key("warnings.csv");
    await store.append(k, 0, Buffer.from("head\r\n"));
    await store.append(k, 6, Buffer.from("committed\r\n"));
    await store.append(k, 17, Buffer.from("uncommitted\r\n"));
    await store.append(k, 30, Buffer.from("more uncommitted\r\n"));
    await store.truncate(k, 17);
    expect(await store.size(k)).toBe(17);
    expect(await readAll(store, k)).toBe("head\r\ncommitted\r\n");
    await store.append(k, 17, Buffer.from("again\r\n"));
    expect(await readAll(store, k)).toBe("head\r\ncommitted\r\nagain\r\n");
    await store.truncate(k, 24);
    expect(await store.size(k)).toBe(24);
    await expect(store.truncate(k, 10)).rejects.toBeInstanceOf(NotAPartBoundaryError);
    await expect(store.truncate(k, 99)).rejects.toBeInstanceOf(NotAPartBoundaryError);
    expect(await readAll(store, k)).toBe("head\r\ncommitted\r\nagain\r\n");
    await store.truncate(k, 0);
    expect(await store.size(k)).toBeNull();
    await store.truncate(key("never.csv"), 0);
    await expect(store.truncate(key("never.csv"), 5)).rejects.toBeInstanceOf(StoredFileMissingError);
  });

  it("deletes files (a missing one is fine), renames over another key, and keeps keys that share a prefix apart", async () => {
    const [a, b, c] = [key("x.csv"), key("x.csv.erasing"), key("x.csv/inner")];
    await store.put(a, pieces("A"));
    await store.put(b, pieces("B"));
    await store.put(c, pieces("C"));
    expect([await readAll(store, a), await readAll(store, b), await readAll(store, c)]).toEqual(["A", "B", "C"]);
    await store.rename(b, a);
    expect(await readAll(store, a)).toBe("B");
    expect(await store.size(b)).toBeNull();
    expect(await readAll(store, c)).toBe("C");
    await expect(store.rename(b, a)).rejects.toBeInstanceOf(StoredFileMissingError);
    await store.delete(a, c, key("never.csv"));
    expect(await store.size(a)).toBeNull();
    expect(await store.size(c)).toBeNull();
    const reading = store.read(a)[Symbol.asyncIterator]();
    await expect(reading.next()).rejects.toBeInstanceOf(StoredFileMissingError);
  });

  it("streams a 50 MB file in and out with memory far below its size", async () => {
    const k = key("large.csv");
    const total = 50 * 1024 * 1024;
    const piece = 64 * 1024;
    const before = liveBytes();
    let peak = 0;
    const written = createHash("sha256");
    async function* source() {
      for (let offset = 0; offset < total; offset += piece) {
        const chunk = Buffer.alloc(piece, `row ${offset / piece},`);
        written.update(chunk);
        if ((offset / piece) % 64 === 0) peak = Math.max(peak, liveBytes() - before);
        yield chunk;
      }
    }
    expect((await store.put(k, source())).size).toBe(total);
    const putPeak = peak;
    expect(await store.size(k)).toBe(total);
    const read = createHash("sha256");
    let length = 0;
    let n = 0;
    for await (const chunk of store.read(k)) {
      read.update(chunk);
      length += chunk.length;
      if (n++ % 4 === 0) peak = Math.max(peak, liveBytes() - before);
    }
    expect(length).toBe(total);
    expect(read.digest("hex")).toBe(written.digest("hex"));
    // A whole-file buffer would be 50 MB. PostgreSQL holds a 256 KB piece or two (and postgres.js the
    // last message per pooled connection); S3 a 5 MB multipart part being sent while the next fills.
    const bound = backend === "postgres" ? 8 : 20;
    expect(putPeak, `${backend} put`).toBeLessThan(bound * 1024 * 1024);
    expect(peak, `${backend} put and read`).toBeLessThan(bound * 1024 * 1024);
    await store.delete(k);
    expect(await store.size(k)).toBeNull();
  }, 120_000);
});

describe("file store on postgres: unfinished uploads", () => {
  it("a put that fails leaves no row; the sweep deletes what a killed put left once it is old, not a put in progress", async () => {
    const store = new PostgresStore();
    const count = async () => Number((await db.execute<{ n: string }>(sql`select count(*)::text as n from stored_files where key is null`))[0]!.n);
    async function* failing() {
      yield Buffer.from("a,b\r\n");
      throw new Error("connection reset");
    }
    const before = await count();
    await expect(store.put(`test/${randomUUID()}/cut.csv`, failing())).rejects.toThrow("connection reset");
    expect(await count()).toBe(before);
    const [old] = await db.execute<{ id: string }>(sql`insert into stored_files (key, created_at) values (null, now() - interval '25 hours') returning id::text`);
    await db.execute(sql`insert into stored_file_chunks (file_id, start, data) values (${old!.id}, 0, '\x41')`);
    const [recent] = await db.execute<{ id: string }>(sql`insert into stored_files (key) values (null) returning id::text`);
    await store.sweep(24);
    const left = await db.execute<{ id: string }>(sql`select id::text from stored_files where id in (${old!.id}, ${recent!.id})`);
    expect(left.map((r) => r.id)).toEqual([recent!.id]);
    expect(await db.execute(sql`select 1 from stored_file_chunks where file_id = ${old!.id}`)).toHaveLength(0);
    await db.execute(sql`delete from stored_files where id = ${recent!.id}`);
  });
});
