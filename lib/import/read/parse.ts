import Papa from "papaparse";
import { decodeText, StreamingTextDecoder, type TextEncodingName } from "./decode";
import { ImportFileError } from "./file-error";
import { countOf } from "@/lib/plural";

export const DELIMITERS = [",", ";", "\t"] as const;
export type Delimiter = (typeof DELIMITERS)[number];
type LineBreak = "\n" | "\r";

export interface CsvRow {
  /** 1-based physical line where the record starts (a quoted value may span several lines). */
  line: number;
  /** One value per header, untrimmed; missing trailing values are "". */
  values: string[];
  /** Set when the record itself is malformed; the row is then rejected with this reason. */
  problem?: string;
}

/** Text decided on before any record is read: enough for delimiter and line-break detection. */
const SAMPLE_CHARS = 64 * 1024;
/** A record longer than this is almost always an unclosed quote swallowing the rest of the file. */
const MAX_RECORD_CHARS = 1024 * 1024;
const LINE_BREAKS = /\r\n|\r|\n/g;

/** The delimiter whose field counts are most consistent over the first lines (comma if unsure). */
export function detectDelimiter(sample: string): Delimiter {
  return detect(sample).delimiter;
}

function detect(sample: string, delimiter?: Delimiter): { delimiter: Delimiter; linebreak: LineBreak } {
  // Cut at the last line break so a half-read last line does not spoil the field counts.
  const cut = Math.max(sample.lastIndexOf("\n"), sample.lastIndexOf("\r"));
  const text = cut > 0 ? sample.slice(0, cut + 1) : sample;
  const { meta } = Papa.parse<string[]>(text, {
    preview: 10,
    delimiter,
    delimitersToGuess: [...DELIMITERS],
    skipEmptyLines: true,
  });
  const found = DELIMITERS.find((d) => d === meta.delimiter) ?? ",";
  // Records split at LF, a CRLF's CR dropped after: a file that mixes CRLF and LF lines (edited in two
  // editors, or joined) reads right, where splitting at the CRLF papaparse found would join lines.
  // Only a file with CRs and no LF at all (classic Mac) is split at CR.
  const linebreak = meta.linebreak === "\r" && !sample.includes("\n") ? "\r" : "\n";
  return { delimiter: found, linebreak };
}

function lineBreaksIn(values: readonly string[]): number {
  let n = 0;
  for (const v of values) {
    if (v.indexOf("\n") !== -1 || v.indexOf("\r") !== -1) n += v.match(LINE_BREAKS)!.length;
  }
  return n;
}

const isBlank = (values: readonly string[]) => values.every((v) => v.trim() === "");

/** Turns the header record into column names, or says clearly why it cannot be one. */
function checkHeaders(values: string[], line: number): string[] {
  const headers = values.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, "") : h).trim());
  // Spreadsheets often save a few empty columns at the end; those are not blank headers.
  while (headers.length > 1 && headers[headers.length - 1] === "") headers.pop();
  const blank = headers.indexOf("");
  if (blank !== -1) {
    throw new ImportFileError(
      `Column ${blank + 1} of the header row (line ${line}) has no name. Give every column a header, or delete the empty column.`,
      line,
    );
  }
  const seen = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = h.toLowerCase().replace(/\s+/g, " ");
    const first = seen.get(key);
    if (first !== undefined) {
      throw new ImportFileError(
        `The header "${h}" appears twice (columns ${first + 1} and ${i + 1}). Rename one of them so every column has its own header.`,
        line,
      );
    }
    seen.set(key, i);
  });
  return headers;
}

/**
 * Synchronous, incremental CSV reading: `push` text as it is decoded, `end` at the end of the file.
 * Built on papaparse's core Parser (the same one its own stream readers drive, with
 * `ignoreLastRow` holding back the record a chunk may have cut in two), so that we keep control
 * of line numbers, back-pressure and errors. The first non-blank record is the header.
 */
export class CsvReader {
  #delimiter: Delimiter | undefined;
  #linebreak: LineBreak = "\n";
  #parser: Papa.Parser | undefined;
  #buffer = "";
  #line = 1;
  #headers: string[] | undefined;
  #headerLine = 0;

  constructor(options: { delimiter?: Delimiter } = {}) {
    this.#delimiter = options.delimiter;
  }

  get delimiter(): Delimiter {
    return this.#delimiter ?? ",";
  }

  /** The column names, once the header record has been read. */
  get headers(): string[] | undefined {
    return this.#headers;
  }

  get headerLine(): number {
    return this.#headerLine;
  }

  push(text: string): CsvRow[] {
    this.#buffer += text;
    if (!this.#parser && this.#buffer.length < SAMPLE_CHARS) return [];
    return this.#parse(false);
  }

  /** Detects on what has arrived so far and returns the complete records (used by the preview). */
  flush(): CsvRow[] {
    return this.#parse(false);
  }

  end(): CsvRow[] {
    return this.#parse(true);
  }

  #parse(final: boolean): CsvRow[] {
    if (!this.#parser) {
      this.#buffer = this.#buffer.replace(/^\uFEFF/, "");
      const found = detect(this.#buffer, this.#delimiter);
      this.#delimiter = found.delimiter;
      this.#linebreak = found.linebreak;
      this.#parser = new Papa.Parser({ delimiter: found.delimiter, newline: found.linebreak, quoteChar: '"' });
    }
    const result = this.#parser.parse(this.#buffer, 0, !final) as Papa.ParseResult<string[]>;
    this.#buffer = final ? "" : this.#buffer.slice(result.meta.cursor);
    const rows: CsvRow[] = [];
    const malformed = new Set<number>();
    for (const error of result.errors) {
      if (error.code === "MissingQuotes") {
        const line = this.#lineOfRecord(result.data, error.row ?? result.data.length);
        throw new ImportFileError(
          `A quoted value on line ${line} is never closed (or its closing quote is followed by other characters), so the rest of the file cannot be read. Check the quotes (") on that line and upload the file again.`,
          line,
        );
      }
      if (error.row !== undefined && error.row < result.data.length) malformed.add(error.row);
    }
    result.data.forEach((values, i) => {
      // A CRLF line in an LF file leaves its CR on the last value: it belongs to the line break.
      if (this.#linebreak === "\n") stripTrailingCr(values);
      const line = this.#line;
      this.#line += 1 + lineBreaksIn(values);
      if (isBlank(values)) return;
      if (!this.#headers) {
        this.#headers = checkHeaders(values, line);
        this.#headerLine = line;
        return;
      }
      rows.push(this.#row(values, line, malformed.has(i)));
    });
    if (this.#buffer.length > MAX_RECORD_CHARS) {
      throw new ImportFileError(
        `The record that starts on line ${this.#line} is longer than 1 MB; most likely a quoted value is never closed. Check the quotes (") on that line.`,
        this.#line,
      );
    }
    return rows;
  }

  /** The start line of record `index` of a parse result whose first record starts at `this.#line`. */
  #lineOfRecord(data: string[][], index: number): number {
    let line = this.#line;
    for (let i = 0; i < index && i < data.length; i++) line += 1 + lineBreaksIn(data[i]!);
    return line;
  }

  #row(values: string[], line: number, malformed: boolean): CsvRow {
    const width = this.#headers!.length;
    if (malformed) {
      return { line, values: fit(values, width), problem: 'A quoted value is malformed: a quote (") inside a quoted value must be doubled ("").' };
    }
    if (values.length > width && !isBlank(values.slice(width))) {
      return {
        line,
        values: fit(values, width),
        problem: `The row has ${countOf(values.length, "value")} but the header has ${countOf(width, "column")} (check the delimiter and the quotes).`,
      };
    }
    return { line, values: fit(values, width) };
  }
}

function stripTrailingCr(values: string[]) {
  const last = values.length - 1;
  if (values[last]?.endsWith("\r")) values[last] = values[last]!.slice(0, -1);
}

function fit(values: string[], width: number): string[] {
  if (values.length === width) return values;
  if (values.length > width) return values.slice(0, width);
  const out = values.slice();
  while (out.length < width) out.push("");
  return out;
}

export interface CsvTable {
  delimiter: Delimiter;
  headers: string[];
  headerLine: number;
  /** The data rows in file order; iterate once. Blank lines are skipped but counted. */
  rows: AsyncIterable<CsvRow>;
}

/**
 * Reads a CSV from text chunks (a Node Readable with an encoding, or any async iterable of
 * strings). Resolves once the header and the first data row are known, so an empty or header-only
 * file is refused before any work starts; the rest is read lazily as `rows` is iterated.
 */
export async function parseCsv(source: AsyncIterable<string>, options: { delimiter?: Delimiter } = {}): Promise<CsvTable> {
  const reader = new CsvReader(options);
  const iterator = source[Symbol.asyncIterator]();
  // Whoever stops early (a refused file, a cancelled job) closes the source: a file stream is destroyed.
  const close = async () => void (await iterator.return?.());
  let first: CsvRow[] = [];
  let done = false;
  try {
    while (first.length === 0 && !done) {
      const next = await iterator.next();
      done = next.done === true;
      first = next.done ? reader.end() : reader.push(next.value);
    }
    if (!reader.headers) throw new ImportFileError("The file is empty. Upload a CSV file with a header row and at least one row of data.");
    if (first.length === 0) throw new ImportFileError("The file has a header row but no data rows.", reader.headerLine);
  } catch (error) {
    if (!done) await close();
    throw error;
  }
  async function* rows(): AsyncGenerator<CsvRow> {
    try {
      yield* first;
      first = [];
      while (!done) {
        const next = await iterator.next();
        done = next.done === true;
        yield* next.done ? reader.end() : reader.push(next.value);
      }
    } finally {
      if (!done) await close();
    }
  }
  return { delimiter: reader.delimiter, headers: reader.headers, headerLine: reader.headerLine, rows: rows() };
}

export interface CsvFile extends CsvTable {
  /** Final once `rows` has been read to the end (an ASCII start may turn out to be Windows-1252). */
  readonly encoding: TextEncodingName;
}

/** Decodes and parses an uploaded file streamed as byte chunks (e.g. fs.createReadStream). */
export async function readCsvFile(
  chunks: AsyncIterable<Uint8Array>,
  options: { delimiter?: Delimiter; encoding?: TextEncodingName } = {},
): Promise<CsvFile> {
  const text = decodeText(chunks, { encoding: options.encoding });
  const table = await parseCsv(text, { delimiter: options.delimiter });
  return {
    ...table,
    get encoding() {
      return text.encoding;
    },
  };
}

export interface CsvPreview {
  encoding: TextEncodingName;
  delimiter: Delimiter;
  headers: string[];
  sampleRows: CsvRow[];
  /** Exact when the whole file was given, otherwise scaled from the bytes read. */
  totalRowsEstimate: number;
  totalRowsExact: boolean;
}

/**
 * What the mapper step shows: the start of the file (`bytes`, e.g. its first 256 KB) is enough.
 * Pass `totalBytes` when `bytes` is only the start, so the row count can be estimated.
 */
export function previewCsv(
  bytes: Uint8Array,
  options: { delimiter?: Delimiter; totalBytes?: number; sampleSize?: number } = {},
): CsvPreview {
  const complete = options.totalBytes === undefined || bytes.length >= options.totalBytes;
  const decoder = new StreamingTextDecoder();
  const reader = new CsvReader({ delimiter: options.delimiter });
  let rows = reader.push(decoder.write(bytes) + (complete ? "" : decoder.flush()));
  rows = rows.concat(complete ? reader.push(decoder.end()).concat(reader.end()) : reader.flush());
  if (!reader.headers) {
    throw new ImportFileError("The file is empty. Upload a CSV file with a header row and at least one row of data.");
  }
  if (complete && rows.length === 0) throw new ImportFileError("The file has a header row but no data rows.", reader.headerLine);
  return {
    encoding: decoder.encoding,
    delimiter: reader.delimiter,
    headers: reader.headers,
    sampleRows: rows.slice(0, options.sampleSize ?? 20),
    totalRowsEstimate: complete ? rows.length : Math.round((rows.length * options.totalBytes!) / Math.max(1, bytes.length)),
    totalRowsExact: complete,
  };
}
