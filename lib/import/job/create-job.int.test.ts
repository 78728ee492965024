import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { importJobs, storedFiles, type User } from "@/db/schema";
import { useOwnDatabase } from "@/lib/testing/own-database";
import { actorOf, makeUser } from "@/lib/testing/factories";
import { createImportJob } from "./create-job";
import { cancelImportJob, expireAbandonedUploads, listImportJobs } from "./jobs";
import { ImportFileError } from "../read/file-error";
import { UploadTooLargeError } from "@/lib/storage/upload-limit";
import { chunksOf, contactByEmail, contactByPhone, counts, importCsv, importPhone, isStored, loadJob, storedBytes, storedText, uploadCsv } from "../test-helpers";

// A database of its own: the stored files it counts are then only its own.
useOwnDatabase("create_job");

let admin: User;
beforeAll(async () => {
  admin = await makeUser("admin");
});

const sample = (name: string) => readFileSync(path.resolve(import.meta.dirname, "../../../e2e/files", name));
// Every stored file of this test file's own database: "keeps no file" is then exact.
const files = () => db.$count(storedFiles);

describe("createImportJob: the upload", () => {
  it("streams the file to the file store, detects encoding, delimiter and headers, and records a pending job with the auto-mapping", async () => {
    const draft = await uploadCsv(admin, sample("outlook-contacts.csv"), "C:\\Users\\me\\Desktop\\outlook-contacts.csv");
    const job = await loadJob(draft.job.id);
    expect(job).toMatchObject({ status: "pending", fileName: "outlook-contacts.csv", encoding: "windows-1252", delimiter: ";", createdById: admin.id });
    expect(job.fileSize).toBe(sample("outlook-contacts.csv").length);
    expect(await storedBytes(job.filePath)).toEqual(sample("outlook-contacts.csv"));
    expect(job.headers).toHaveLength(92);
    expect(draft.preview.sampleRows[1]![1]).toBe("Zoë");
    expect(draft.mapping[draft.preview.headers.indexOf("Business Phone")]).toBe("phone");
    expect(draft.options).toEqual({ defaultCountry: "US", tags: [], existing: "merge" });
    expect(draft.targets.map((t) => t.label)).toEqual(expect.arrayContaining(["Phone", "Email", "Tags", "Do not import", "Full name"]));
  });

  it.each([
    ["an empty file", "", /^The file is empty/],
    ["a header row only", "Name,Email\r\n", /^The file has a header row but no data rows\./],
    ["blank lines only", "\r\n\r\n", /^The file is empty/],
    ["a duplicate header", "Email,E-mail,EMAIL\na@x.test,,\n", /^The header "EMAIL" appears twice \(columns 1 and 3\)/],
    ["a blank header", "Name,,Email\nA,x,a@x.test\n", /^Column 2 of the header row \(line 1\) has no name/],
    ["an Excel workbook", Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /looks like an Excel workbook or a ZIP archive/],
    ["UTF-32", Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), /UTF-32 encoded, which is not supported/],
  ])("refuses %s with a clear message, keeping no file and no job", async (_, content, message) => {
    const before = await files();
    const count = await db.$count(importJobs, eq(importJobs.createdById, admin.id));
    const error = await uploadCsv(admin, content).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(message);
    expect(await files()).toBe(before);
    expect(await db.$count(importJobs, eq(importJobs.createdById, admin.id))).toBe(count);
  });

  it("refuses a file over the size limit with a 413 before or while reading it, keeping nothing", async () => {
    const before = await files();
    const actor = { ...actorOf(admin), id: admin.id };
    const declared = await createImportJob({ body: chunksOf("Email\na@x.test\n"), fileName: "big.csv", contentLength: 10_000, maxBytes: 100 }, actor).catch((e) => e);
    expect(declared).toBeInstanceOf(UploadTooLargeError);
    expect((declared as UploadTooLargeError).status).toBe(413);
    const streamed = await createImportJob({ body: chunksOf("Email\n" + "a@x.test\n".repeat(50), 16), fileName: "big.csv", maxBytes: 100 }, actor).catch((e) => e);
    expect(streamed).toBeInstanceOf(UploadTooLargeError);
    expect((streamed as Error).message).toBe("The file is larger than 100 bytes, the most one import takes. Split it into smaller files and import them one after another.");
    expect(await files()).toBe(before);
  });

  it("refuses an upload cut short (fewer bytes than announced)", async () => {
    const actor = { ...actorOf(admin), id: admin.id };
    const error = await createImportJob({ body: chunksOf("Email\na@x.test\n"), fileName: "cut.csv", contentLength: 999 }, actor).catch((e) => e);
    expect((error as Error).message).toMatch(/^The upload was cut off: 15 of 999 bytes arrived/);
  });
});

describe("file hazards, imported into the database", () => {
  it("UTF-8 with a BOM: the first header is read without it and the values land intact", async () => {
    const p = importPhone();
    const { job } = await importCsv(admin, `\uFEFFFirst Name,Last Name,Phone\r\nJürgen,Müller-Lüdenscheidt,${p}\r\n`);
    expect(job.headers![0]).toBe("First Name");
    expect(await contactByPhone(p)).toMatchObject({ firstName: "Jürgen", lastName: "Müller-Lüdenscheidt" });
  });

  it("Windows-1252 with semicolons: umlauts and € are decoded, never stored as replacement characters", async () => {
    const p = importPhone();
    const bytes = Buffer.concat([Buffer.from("Vorname;Nachname;Firma;Telefon\r\n", "latin1"), Buffer.from([0x5a, 0x6f, 0xeb]), Buffer.from(`;Wei\xdf;Caf\xe9 \x80uro;${p}\r\n`, "latin1")]);
    const { job } = await importCsv(admin, bytes);
    expect([job.encoding, job.delimiter]).toEqual(["windows-1252", ";"]);
    expect(counts(job)).toMatchObject({ created: 1, failed: 0 });
    expect(await contactByPhone(p)).toMatchObject({ firstName: "Zoë", lastName: "Weiß", company: "Café €uro" });
  });

  it("UTF-16 LE with a BOM and tabs", async () => {
    const p = importPhone();
    const text = `\uFEFFName\tPhone\tCity\r\nNoriko Satō\t${p}\tŌsaka\r\n`;
    const { job } = await importCsv(admin, Buffer.from(text, "utf16le"));
    expect([job.encoding, job.delimiter]).toEqual(["utf-16le", "\t"]);
    expect(await contactByPhone(p)).toMatchObject({ firstName: "Noriko", lastName: "Satō", city: "Ōsaka" });
  });

  it("quoted values with delimiters, doubled quotes and line breaks (CRLF file, LF inside values); the error file keeps the physical line", async () => {
    const [p1, p2] = [importPhone(), importPhone()];
    // A line break inside a value: in the street, a multi-line field (lib/fields/text.ts).
    const csv = `Name,Street,Phone,Email\r\n"Lovelace, Ada","The ""Engine"" Co",${p1},\r\n"Multi\r\nLine Name","Two\nLines",${p2},\r\nBad Row,"x, y",,not-mail\r\n`;
    const { job } = await importCsv(admin, csv);
    expect(counts(job)).toMatchObject({ created: 2, failed: 1 });
    expect(await contactByPhone(p1)).toMatchObject({ firstName: "Ada", lastName: "Lovelace", street: 'The "Engine" Co' });
    expect(await contactByPhone(p2)).toMatchObject({ firstName: "Multi Line", lastName: "Name", street: "Two\nLines" });
    expect((await storedText(job.errorFilePath!)).split("\r\n")[1]).toMatch(/^"6","Email: ""not-mail"" is not a valid e-mail address\.","Bad Row","x, y","","not-mail"$/);
  });

  it("a row with more values than headers or a broken quote is rejected with its line; the rest imports", async () => {
    const [p1, p2] = [importPhone(), importPhone()];
    const csv = `Phone,City\n${p1},Berlin\n${importPhone()},Paris,extra\n${p2},"Ro"me"\n`;
    const { job } = await importCsv(admin, csv);
    expect(counts(job)).toMatchObject({ created: 1, failed: 2 });
    const errors = (await storedText(job.errorFilePath!));
    expect(errors).toContain('"3","The row has 3 values but the header has 2 columns (check the delimiter and the quotes).","');
    expect(errors).toContain('"4","A quoted value is malformed');
  });

  it("the uploaded file is deleted when the job ends; the result files stay", async () => {
    const e = `${importPhone().slice(1)}@example.com`;
    const { job } = await importCsv(admin, `Email\n${e}\nbroken@\n`);
    expect(await isStored(job.filePath)).toBe(false);
    expect(await isStored(job.errorFilePath!)).toBe(true);
    expect(await contactByEmail(e)).not.toBeNull();
  });
});

describe("the job row", () => {
  it("is listed with who uploaded it", async () => {
    const draft = await uploadCsv(admin, "Email\nx@example.com\n", "who.csv");
    const [row] = await db.select().from(importJobs).where(eq(importJobs.id, draft.job.id));
    expect(row!.createdById).toBe(admin.id);
    expect(draft.job.createdBy).toBe(admin.name);
  });
});

describe("abandoned uploads", () => {
  const dayAgo = (id: string) => db.update(importJobs).set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(importJobs.id, id));
  const listed = async () => (await listImportJobs(1000)).map((j) => j.id);

  it("leave Past imports after a day and are deleted with their files; an import that wrote rows stays", async () => {
    const left = await uploadCsv(admin, "Email\nold@example.com\n", "old.csv");
    const dropped = await uploadCsv(admin, "Email\ndropped@example.com\n", "dropped.csv");
    await cancelImportJob(dropped.job.id, actorOf(admin));
    const fresh = await uploadCsv(admin, "Email\nfresh@example.com\n", "fresh.csv");
    const ran = await importCsv(admin, `Email\n${importPhone().slice(1)}@example.com\n`);
    // A started import cancelled before its first batch committed: it never wrote, but it ran.
    const started = await uploadCsv(admin, "Email\nstarted@example.com\n", "started.csv");
    await db.update(importJobs).set({ status: "cancelled", startedAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(importJobs.id, started.job.id));
    for (const id of [left.job.id, dropped.job.id, ran.jobId, started.job.id]) await dayAgo(id);
    const leftFile = (await loadJob(left.job.id)).filePath;

    // Gone from the list at once, before the hourly clean-up has run.
    const before = await listed();
    expect(before).not.toContain(left.job.id);
    expect(before).not.toContain(dropped.job.id);
    expect(before).toEqual(expect.arrayContaining([fresh.job.id, ran.jobId, started.job.id]));

    expect(await expireAbandonedUploads()).toBeGreaterThanOrEqual(2);
    const rows = await db.select({ id: importJobs.id }).from(importJobs).where(inArray(importJobs.id, [left.job.id, dropped.job.id, fresh.job.id, ran.jobId, started.job.id]));
    expect(rows.map((r) => r.id).sort()).toEqual([fresh.job.id, ran.jobId, started.job.id].sort());
    expect(await isStored(leftFile)).toBe(false);
    expect(await isStored((await loadJob(fresh.job.id)).filePath)).toBe(true);
    expect((await loadJob(ran.jobId)).status).toBe("completed");
    expect(await listed()).toEqual(before);
  });

  it("lists uploads of the same moment in one order every time (newest first, then by id)", async () => {
    const a = await uploadCsv(admin, "Email\nsame-a@example.com\n", "same-a.csv");
    const b = await uploadCsv(admin, "Email\nsame-b@example.com\n", "same-b.csv");
    const moment = new Date(Date.now() + 3600_000);
    await db.update(importJobs).set({ createdAt: moment }).where(inArray(importJobs.id, [a.job.id, b.job.id]));
    const top = (await listed()).slice(0, 2);
    expect(top).toEqual([a.job.id, b.job.id].sort().reverse());
  });
});
