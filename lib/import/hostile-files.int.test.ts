import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { eq, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { contactEmails, contacts, importJobs } from "@/db/schema";
import { makeUser } from "@/lib/testing/factories";
import { HOSTILE_FILES } from "@/scripts/hostile-fixtures";
import { parseCsv } from "./read/parse";
import { importCsv, storedText, uploadCsv } from "./test-helpers";

const dir = path.resolve(import.meta.dirname, "fixtures/hostile");
const file = (name: string) => new Uint8Array(readFileSync(path.join(dir, name)));

/** What a hostile file must come to: rows imported and rows rejected (line and message), or the whole file refused. */
type Outcome = { accepted: number; rejected?: [line: number, message: string][] } | { refused: string };

async function* once(text: string) {
  yield text;
}

/** The job's error file as [line, message] pairs. */
async function rejectedRows(errorFile: string | null): Promise<[number, string][]> {
  if (!errorFile) return [];
  const table = await parseCsv(once(await storedText(errorFile)));
  const out: [number, string][] = [];
  for await (const row of table.rows) out.push([Number(row.values[0]), row.values[1]!]);
  return out;
}

/** Contacts holding an e-mail of this file's own domain. */
async function contactsOf(name: string) {
  const domain = `%@${name.replace(/\.csv$/, "")}.hostile.test`;
  return db
    .selectDistinct({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName, street: contacts.street, company: contacts.company, postalCode: contacts.postalCode })
    .from(contacts)
    .innerJoin(contactEmails, eq(contactEmails.contactId, contacts.id))
    .where(like(contactEmails.emailNormalized, domain));
}

async function outcomeOf(name: string, content: Uint8Array): Promise<Outcome> {
  const user = await makeUser("supervisor");
  try {
    await uploadCsv(user, content, name);
  } catch (error) {
    const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(importJobs).where(eq(importJobs.createdById, user.id))) as [{ n: number }];
    expect(n, `${name}: a refused file leaves no job`).toBe(0);
    return { refused: (error as Error).message };
  }
  const { job } = await importCsv(user, content, { fileName: name });
  expect(job.status).toBe("completed");
  const rejected = await rejectedRows(job.errorFilePath);
  expect(job.failedCount).toBe(rejected.length);
  return { accepted: job.createdCount + job.mergedCount, ...(rejected.length ? { rejected } : {}) };
}

describe("hostile input corpus (lib/import/fixtures/hostile)", () => {
  it("has at least 30 files, each exactly what scripts/hostile-fixtures.ts makes", () => {
    const names = readdirSync(dir).sort();
    expect(names.length).toBeGreaterThanOrEqual(30);
    expect(names).toEqual(Object.keys(HOSTILE_FILES).sort());
    for (const name of names) expect(Buffer.compare(Buffer.from(file(name)), Buffer.from(HOSTILE_FILES[name]!)), name).toBe(0);
  });

const SAVE = "Save it as CSV (UTF-8) and upload it again.";
const NUL_FILE = `This file is not a CSV text file (it looks like binary data: it contains NUL bytes). ${SAVE}`;
const EMPTY = "The file is empty. Upload a CSV file with a header row and at least one row of data.";
type Stored = Awaited<ReturnType<typeof contactsOf>>[number];

/** Every file of the corpus, what must become of it, and (for some) what must be stored. */
const EXPECTED: Record<string, Outcome & { stored?: (contacts: Stored[]) => void }> = {
  "utf8-bom.csv": { accepted: 2, stored: (c) => expect(names(c)).toEqual(["Ada", "Zoë"]) },
  "windows-1252.csv": { accepted: 2, stored: (c) => expect(names(c, "lastName")).toEqual(["Müller", "Weiß"]) },
  "utf16le-bom.csv": { accepted: 2, stored: (c) => expect(names(c)).toEqual(["Ada", "Łukasz"]) },
  "utf16be-bom.csv": { accepted: 2, stored: (c) => expect(names(c)).toEqual(["Ada", "山田"]) },
  "utf16le-no-bom.csv": { accepted: 2 },
  "utf32.csv": { refused: `This file is UTF-32 encoded, which is not supported. ${SAVE}` },
  "mixed-line-endings.csv": { accepted: 3, stored: (c) => expect(names(c)).toEqual(["Ada", "Bob", "Cy"]) },
  "cr-line-endings.csv": { accepted: 2 },
  "quoted-newlines.csv": { accepted: 2, stored: (c) => expect(c.map((x) => x.street).sort()).toEqual(["1 Main St\nBack door\nGate 2", 'He said "hi"']) },
  "unterminated-quote.csv": {
    refused: 'A quoted value on line 3 is never closed (or its closing quote is followed by other characters), so the rest of the file cannot be read. Check the quotes (") on that line and upload the file again.',
  },
  // A quote inside an unquoted value is a character of the value (RFC 4180 readers agree).
  "malformed-quote-row.csv": { accepted: 2, stored: (c) => expect(names(c)).toEqual(["Ada", 'B"o"b']) },
  "ragged-row.csv": { accepted: 2, rejected: [[3, "The row has 4 values but the header has 2 columns (check the delimiter and the quotes)."]] },
  "one-column.csv": { accepted: 3 },
  "header-only.csv": { refused: "The file has a header row but no data rows." },
  "empty.csv": { refused: EMPTY },
  "blank-lines-only.csv": { refused: EMPTY },
  "binary-png.csv": { refused: NUL_FILE },
  "excel-xlsx.csv": { refused: `This file is not a CSV text file (it looks like an Excel workbook or a ZIP archive). ${SAVE}` },
  "nul-bytes.csv": { refused: NUL_FILE },
  "nul-late.csv": { refused: `Line 62 contains a NUL character: the file is not plain text. ${SAVE}` },
  "invalid-utf8.csv": { refused: `Line 3 is not valid UTF-8. ${SAVE}` },
  "replacement-char.csv": {
    refused: 'Line 2 contains the replacement character "\uFFFD", a sign that the file was damaged by an earlier conversion. Fix those characters, or export the file again as CSV (UTF-8).',
  },
  "duplicate-headers.csv": { refused: 'The header "email" appears twice (columns 2 and 3). Rename one of them so every column has its own header.' },
  "blank-header.csv": { refused: "Column 2 of the header row (line 1) has no name. Give every column a header, or delete the empty column." },
  "columns-5000.csv": { accepted: 2 },
  // Stored as typed (trimmed); the export escapes them (lib/import/read/formula-escape.ts).
  "formula-cells.csv": {
    accepted: 7,
    stored: (c) => expect(names(c)).toEqual(["+1+1", "-1-1", "=1+1", "=1+1", "=1+1", "=1+1", "@SUM(A1)"]),
  },
  // Our own escape (a leading ' before a trigger) is read back; any other leading quote is kept.
  "formula-escaped.csv": { accepted: 2, stored: (c) => expect(names(c, "lastName")).toEqual(["'=x", "-1-1"]) },
  "emoji.csv": { accepted: 2, stored: (c) => expect(names(c)).toEqual(["Ada 😀", "🏳️‍🌈"]) },
  // Kept as typed: right-to-left overrides and embeddings belong to Arabic and Hebrew text.
  "rtl-override.csv": {
    accepted: 2,
    stored: (c) => {
      expect(names(c)).toEqual(["Bob", "\u202Etxt.exe"]);
      expect(c.map((x) => x.company).sort()).toEqual(["Acme", "\u202Bشركة\u202C"]);
    },
  },
  // Stray zero-width characters removed (a name of nothing else is no name); a joiner inside an emoji kept.
  "zero-width-names.csv": {
    accepted: 3,
    stored: (c) => {
      expect(names(c)).toEqual(["Ada", "Zoë", null]);
      expect(names(c, "lastName")).toEqual(["Lovelace", null, "👩\u200D💻 Dev"]);
    },
  },
  "zero-width-headers.csv": { accepted: 2, stored: (c) => expect(names(c)).toEqual(["Ada", "Bob"]) },
  "whitespace-headers.csv": { accepted: 2, stored: (c) => expect(names(c)).toEqual(["Ada", "Bob"]) },
  "leading-zero-numbers.csv": { accepted: 2, stored: (c) => expect(c.map((x) => x.postalCode).sort()).toEqual(["00501", "01234"]) },
  "exponent-numbers.csv": { accepted: 1, rejected: [[2, 'Phone: "1.2125550147E+10" is not a phone number.']] },
  "semicolon.csv": { accepted: 2, stored: (c) => expect(c.map((x) => x.company).sort()).toEqual(["Acme, Inc.", "Beta"]) },
  "bad-values.csv": {
    accepted: 1,
    rejected: [
      [3, 'Email: "not-an-email" is not a valid e-mail address.'],
      [4, 'Phone: "12" is not a valid phone number for US. Add the country code with a +.'],
    ],
  },
};

function names(stored: Stored[], key: "firstName" | "lastName" = "firstName"): (string | null)[] {
  return stored.map((c) => c[key]).sort();
}

  it("covers every file with an expected outcome", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(HOSTILE_FILES).sort());
  });

  // Each file is uploaded, mapped automatically and run by the real import job; the database then
  // holds exactly the accepted rows (every e-mail is at <file>.hostile.test), and a refused file leaves no job.
  it.each(Object.keys(EXPECTED))("%s", async (name) => {
    const { stored, ...expected } = EXPECTED[name]!;
    expect(await outcomeOf(name, file(name))).toEqual(expected);
    const created = await contactsOf(name);
    expect(created).toHaveLength("accepted" in expected ? expected.accepted : 0);
    stored?.(created);
  });
});
