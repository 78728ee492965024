import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ImportFileError } from "./file-error";
import { CsvReader, detectDelimiter, parseCsv, previewCsv, readCsvFile, type CsvRow, type Delimiter } from "./parse";

async function* chunksOf(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function parseAll(text: string, options: { delimiter?: Delimiter; chunk?: number } = {}) {
  const table = await parseCsv(chunksOf(text, options.chunk ?? Math.max(1, text.length)), options);
  const rows: CsvRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return { ...table, rows };
}

async function refusal(run: () => Promise<unknown>): Promise<ImportFileError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportFileError);
  return error as ImportFileError;
}

describe("detectDelimiter", () => {
  it("finds comma, semicolon and tab", () => {
    expect(detectDelimiter("Name,Email\nAda,ada@example.com\n")).toBe(",");
    expect(detectDelimiter("Name;Email;Note\nAda;ada@example.com;a, b\nBo;bo@example.com;c, d\n")).toBe(";");
    expect(detectDelimiter("Name\tEmail\nAda\tada@example.com\n")).toBe("\t");
  });

  it("is not fooled by decimal commas in a semicolon file", () => {
    expect(detectDelimiter("Name;Score\nAda;12,5\nBo;7,25\nCy;3,75\n")).toBe(";");
  });
});

describe("parseCsv", () => {
  it("reads headers and rows with their line numbers", async () => {
    const out = await parseAll("Name,Email\nAda,ada@example.com\nBo,bo@example.com\n");
    expect(out.delimiter).toBe(",");
    expect(out.headers).toEqual(["Name", "Email"]);
    expect(out.headerLine).toBe(1);
    expect(out.rows).toEqual([
      { line: 2, values: ["Ada", "ada@example.com"] },
      { line: 3, values: ["Bo", "bo@example.com"] },
    ]);
  });

  it("reads semicolon and tab files, and honours a delimiter override", async () => {
    expect((await parseAll("Name;City\nMüller;Köln, Innenstadt\n")).rows[0]!.values).toEqual(["Müller", "Köln, Innenstadt"]);
    expect((await parseAll("Name\tCity\nAda\tLondon\n")).rows[0]!.values).toEqual(["Ada", "London"]);
    const forced = await parseAll("Name;City\nAda;London\n", { delimiter: "," });
    expect(forced.headers).toEqual(["Name;City"]);
  });

  it("keeps delimiters, doubled quotes and newlines inside quoted values", async () => {
    const out = await parseAll('Name,Note,Email\n"Smith, Ada","She said ""hi""\nand left",ada@example.com\nBo,x,bo@example.com\n');
    expect(out.rows).toEqual([
      { line: 2, values: ["Smith, Ada", 'She said "hi"\nand left', "ada@example.com"] },
      { line: 4, values: ["Bo", "x", "bo@example.com"] },
    ]);
  });

  it("reads CRLF, LF and CR line endings alike, counting lines inside quoted values", async () => {
    const crlf = await parseAll('Name,Note\r\nAda,"two\r\nlines"\r\nBo,"three\r\n\r\nlines"\r\nCy,x\r\n');
    expect(crlf.rows.map((r) => [r.line, r.values[0]])).toEqual([[2, "Ada"], [4, "Bo"], [7, "Cy"]]);
    expect(crlf.rows[0]!.values[1]).toBe("two\r\nlines");
    const cr = await parseAll("Name,Note\rAda,x\rBo,y\r");
    expect(cr.rows.map((r) => [r.line, r.values[0]])).toEqual([[2, "Ada"], [3, "Bo"]]);
  });

  it("reads a file that mixes CRLF and LF lines, whichever comes first", async () => {
    for (const text of ["Name,Email\r\nAda,a@x\nBo,b@x\r\nCy,c@x\n", "Name,Email\nAda,a@x\r\nBo,b@x\nCy,\"c@x\"\r\n"]) {
      const mixed = await parseAll(text);
      expect(mixed.headers).toEqual(["Name", "Email"]);
      expect(mixed.rows).toEqual([
        { line: 2, values: ["Ada", "a@x"] },
        { line: 3, values: ["Bo", "b@x"] },
        { line: 4, values: ["Cy", "c@x"] },
      ]);
    }
  });

  it("skips blank lines but still counts them", async () => {
    const out = await parseAll("\nName,Email\n\nAda,ada@example.com\n,\n  \nBo,bo@example.com");
    expect(out.headerLine).toBe(2);
    expect(out.rows.map((r) => r.line)).toEqual([4, 7]);
  });

  it("strips a BOM from the first header", async () => {
    expect((await parseAll("\uFEFFName,Email\nAda,a@example.com\n")).headers).toEqual(["Name", "Email"]);
  });

  it("refuses an empty file and a header-only file with a clear message", async () => {
    expect((await refusal(() => parseAll(""))).message).toMatch(/^The file is empty\./);
    expect((await refusal(() => parseAll("\r\n\r\n"))).message).toMatch(/^The file is empty\./);
    expect((await refusal(() => parseAll("Name,Email\r\n"))).message).toBe("The file has a header row but no data rows.");
    expect((await refusal(() => parseAll("Name,Email\n\n,\n"))).message).toBe("The file has a header row but no data rows.");
  });

  it("refuses blank and duplicate headers, naming the columns", async () => {
    expect((await refusal(() => parseAll("Name,,Email\nAda,x,a@example.com\n"))).message).toMatch(/^Column 2 of the header row \(line 1\) has no name/);
    expect((await refusal(() => parseAll("Email,Name,email \nx,y,z\n"))).message).toMatch(
      /^The header "email" appears twice \(columns 1 and 3\)/,
    );
  });

  it("drops empty columns a spreadsheet saved at the end of the header", async () => {
    const out = await parseAll("Name,Email,,\nAda,a@example.com,,\nBo,b@example.com\n");
    expect(out.headers).toEqual(["Name", "Email"]);
    expect(out.rows.map((r) => r.values)).toEqual([["Ada", "a@example.com"], ["Bo", "b@example.com"]]);
  });

  it("pads short rows and marks rows with extra values or broken quotes", async () => {
    const out = await parseAll('Name,Email,Phone\nAda,a@example.com\nBo,b@example.com,1,surplus\nCy,"c"x,3\nDi,"d",4\nEd,e,5\n');
    expect(out.rows[0]).toEqual({ line: 2, values: ["Ada", "a@example.com", ""] });
    expect(out.rows[1]).toMatchObject({ line: 3, problem: "The row has 4 values but the header has 3 columns (check the delimiter and the quotes)." });
    // papaparse reads on to the next quote that can close the value; the row is rejected as a whole.
    expect(out.rows[2]).toMatchObject({ line: 4, values: ["Cy", 'c"x,3\nDi,"d', "4"], problem: expect.stringMatching(/quoted value is malformed/) });
    expect(out.rows[3]).toEqual({ line: 6, values: ["Ed", "e", "5"] });
  });

  it("refuses a quote that is never closed, naming the line it starts on", async () => {
    const error = await refusal(() => parseAll('Name,Note\nAda,x\nBo,"never\nclosed\nCy,z\n'));
    expect(error.message).toMatch(/^A quoted value on line 3 is never closed/);
    expect(error.line).toBe(3);
  });

  it("refuses an unclosed quote in a big file without buffering the rest of it", async () => {
    const text = "Name,Note\nAda,x\nBo,\"open\n" + "filler line\n".repeat(100_000);
    const error = await refusal(() => parseAll(text, { chunk: 65_536 }));
    expect(error.message).toMatch(/^The record that starts on line 3 is longer than 1 MB/);
  });

  it("gives the same rows and line numbers whatever the chunk boundaries", async () => {
    const tricky = ['Ada,"multi\nline, with ""quotes""",+1 555 0100', "Bo,plain,\r", "", 'Cy,"x\r\ny",3', "Dë,ü,€"];
    const text = "Name,Note,Phone\n" + Array.from({ length: 4000 }, (_, i) => tricky[i % tricky.length]).join("\n") + "\n";
    const whole = await parseAll(text);
    expect(whole.rows.length).toBe(3200);
    expect(whole.rows.at(-1)).toEqual({ line: 4000 + 1 + 800 + 800, values: ["Dë", "ü", "€"] });
    for (const chunk of [7, 1000, 65_537]) expect((await parseAll(text, { chunk })).rows).toEqual(whole.rows);
  });

  it("reads a Node stream of strings", async () => {
    const table = await parseCsv(Readable.from(["Name;Em", "ail\nAda;a@example.com\n"]));
    const rows = [];
    for await (const row of table.rows) rows.push(row);
    expect(table.headers).toEqual(["Name", "Email"]);
    expect(rows).toEqual([{ line: 2, values: ["Ada", "a@example.com"] }]);
  });
});

describe("closing the source", () => {
  it("destroys the file stream when the reader stops early or the file is refused", async () => {
    const lines = ["Email\n", ...Array.from({ length: 20_000 }, (_, i) => `a${i}@example.com\n`)];
    const stream = Readable.from(lines.map((l) => Buffer.from(l)), { objectMode: false });
    const file = await readCsvFile(stream);
    for await (const row of file.rows) if (row.line === 2) break;
    expect(stream.destroyed).toBe(true);

    const headerOnly = Readable.from([Buffer.from("Email\n")]);
    await refusal(() => readCsvFile(headerOnly));
    expect(headerOnly.destroyed).toBe(true);
  });
});

describe("readCsvFile", () => {
  it("decodes and parses a UTF-16 file streamed as bytes", async () => {
    const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Name\tCity\r\nMüller\tKöln\r\n", "utf16le")]);
    const file = await readCsvFile(Readable.from([data.subarray(0, 5), data.subarray(5)]));
    const rows = [];
    for await (const row of file.rows) rows.push(row);
    expect([file.encoding, file.delimiter, file.headers]).toEqual(["utf-16le", "\t", ["Name", "City"]]);
    expect(rows).toEqual([{ line: 2, values: ["Müller", "Köln"] }]);
  });
});

describe("CsvReader", () => {
  it("returns nothing until it has seen enough to detect the delimiter, unless flushed", () => {
    const reader = new CsvReader();
    expect(reader.push("Name;Email\nAda;a@example.com\nBo;")).toEqual([]);
    expect(reader.flush()).toEqual([{ line: 2, values: ["Ada", "a@example.com"] }]);
    expect(reader.delimiter).toBe(";");
    expect(reader.end()).toEqual([{ line: 3, values: ["Bo", ""] }]);
  });
});

describe("previewCsv", () => {
  const file = Buffer.from("\uFEFFFirst Name;Last Name;Phone\r\n" + Array.from({ length: 50 }, (_, i) => `Ann${i};Lee;+1 555 01${String(i).padStart(2, "0")}\r\n`).join(""));

  it("shows the encoding, delimiter, headers, the first rows and the exact count for a whole file", () => {
    const preview = previewCsv(file);
    expect(preview).toMatchObject({ encoding: "utf-8", delimiter: ";", headers: ["First Name", "Last Name", "Phone"] });
    expect(preview.sampleRows).toHaveLength(20);
    expect(preview.sampleRows[0]).toEqual({ line: 2, values: ["Ann0", "Lee", "+1 555 0100"] });
    expect([preview.totalRowsEstimate, preview.totalRowsExact]).toEqual([50, true]);
  });

  it("estimates the row count from the start of a bigger file", () => {
    const preview = previewCsv(file.subarray(0, 500), { totalBytes: file.length });
    expect(preview.totalRowsExact).toBe(false);
    expect(preview.totalRowsEstimate).toBeGreaterThan(40);
    expect(preview.totalRowsEstimate).toBeLessThan(60);
    expect(preview.sampleRows.every((r) => r.values.length === 3 && r.values[2]!.length === 11)).toBe(true);
  });

  it("refuses what the import would refuse", () => {
    expect(() => previewCsv(Buffer.from(""))).toThrow(/The file is empty/);
    expect(() => previewCsv(Buffer.from("A,B\n"))).toThrow(/no data rows/);
    expect(() => previewCsv(Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toThrow(/Excel workbook/);
  });
});
