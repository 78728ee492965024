import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileStore } from "@/lib/storage";
import { PostgresStore } from "@/lib/storage/postgres-store";
import { S3Store } from "@/lib/storage/s3-store";
import { startLocalS3, type LocalS3 } from "@/lib/testing/s3-server";
import { scrubFile, type PersonNeedles } from "./import-files";

// The erasure's scrub of kept import files, on both file stores.

const needles: PersonNeedles = { emails: ["ada@example.com"], phoneDigits: ["13195554929"], exact: ["C-ADA1"] };

let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => {
  await s3?.stop();
});

async function text(store: FileStore, key: string): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const chunk of store.read(key)) parts.push(chunk);
  return Buffer.concat(parts).toString("utf8");
}

describe.each(["postgres", "s3"] as const)("scrubFile on %s", (backend) => {
  let store: FileStore;
  beforeAll(() => {
    store = backend === "postgres" ? new PostgresStore() : new S3Store(s3.settings);
  });

  it("rewrites the file without the person's records, header and others kept; a file without them is left as is", async () => {
    const key = `test/${randomUUID()}/job.errors.csv`;
    // Written as a result file is: a part per batch, a record cut by no part.
    await store.append(key, 0, Buffer.from("\uFEFFline,error,Name,Email\r\n"));
    await store.append(key, 26, Buffer.from('2,Bad phone,"Ada\r\nL",ada@example.com\r\n3,Bad phone,Grace,grace@example.com\r\n'));
    expect(await scrubFile(store, key, needles)).toBe(1);
    expect(await text(store, key)).toBe("\uFEFFline,error,Name,Email\r\n3,Bad phone,Grace,grace@example.com\r\n");
    expect(await store.size(`${key}.erasing`)).toBeNull();
    expect(await scrubFile(store, key, needles)).toBe(0);
    expect(await scrubFile(store, `test/${randomUUID()}/gone.csv`, needles)).toBe(0);
  });

  it("streams a large upload through: the person's rows go wherever the reads split them", async () => {
    const key = `test/${randomUUID()}/upload.csv`;
    const rows = 40_000;
    async function* upload() {
      yield Buffer.from("Name,Phone\r\n");
      for (let i = 0; i < rows; i += 1000) {
        let block = "";
        for (let j = i; j < i + 1000; j++) block += j % 9999 === 5 ? `"Ada, the one",(319) 555-4929\r\n` : `Person ${j},+1303555${String(j).padStart(4, "0")}\r\n`;
        yield Buffer.from(block);
      }
    }
    const stored = await store.put(key, upload());
    expect(await scrubFile(store, key, needles)).toBe(4);
    const kept = await text(store, key);
    expect(kept.split("\r\n").filter(Boolean)).toHaveLength(rows - 4 + 1);
    expect(kept).not.toContain("Ada");
    expect(Buffer.byteLength(kept)).toBe(stored.size - 4 * Buffer.byteLength(`"Ada, the one",(319) 555-4929\r\n`));
  });
});
