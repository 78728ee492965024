import { ImportFileError } from "./file-error";

/**
 * Bytes of an uploaded CSV → text, chunk by chunk, so a 100 MB file is never held in memory.
 * UTF-8 and UTF-16 use the WHATWG TextDecoder with `fatal`, which throws where a lenient one would
 * insert U+FFFD, so a file we cannot read is refused with a message instead of being stored with
 * replacement characters. Windows-1252 has its own table (see `windows1252`).
 */
export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export interface EncodingGuess {
  encoding: TextEncodingName;
  bom: boolean;
  /**
   * False when the sample was plain ASCII: the first non-ASCII byte later in the file decides
   * between UTF-8 and Windows-1252 (the streaming decoder does that on its own).
   */
  certain: boolean;
}

const SAVE_AS_UTF8 = "Save it as CSV (UTF-8) and upload it again.";
/** Enough bytes to see a BOM and the NUL pattern of UTF-16 without a BOM. */
const DETECTION_BYTES = 1024;
/** Bytes Windows-1252 leaves undefined (WHATWG decodes them to C1 controls). */
const UNDEFINED_1252 = /[\x81\x8d\x8f\x90\x9d]/;
const EMPTY = new Uint8Array(0);

/** Windows-1252 characters of bytes 0x80–0x9F; the rest of the code page is Latin-1. */
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f" +
  "\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

/**
 * Node 20's TextDecoder("windows-1252") decodes as Latin-1 (0x80 → U+0080 instead of €;
 * nodejs/node#56542), so the code page is applied here: Latin-1 is byte-for-byte, then the
 * 0x80–0x9F block is remapped. Single-byte, so chunk boundaries never split a character.
 */
const windows1252 = {
  decode(bytes: Uint8Array): string {
    const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1");
    return latin1.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
  },
};

interface Decoder {
  decode(bytes: Uint8Array, options?: { stream?: boolean }): string;
}

/** Decides the encoding from the first bytes of a file. Throws ImportFileError for binary files. */
export function detectEncoding(sample: Uint8Array): EncodingGuess {
  const [b0, b1, b2, b3] = sample;
  if (b0 === 0x50 && b1 === 0x4b && b2 === 0x03 && b3 === 0x04) throw notText("an Excel workbook or a ZIP archive");
  if (b0 === 0xd0 && b1 === 0xcf && b2 === 0x11 && b3 === 0xe0) throw notText("an Excel workbook");
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) {
    throw new ImportFileError(`This file is UTF-32 encoded, which is not supported. ${SAVE_AS_UTF8}`);
  }
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: "utf-8", bom: true, certain: true };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: "utf-16le", bom: true, certain: true };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: "utf-16be", bom: true, certain: true };

  const utf16 = utf16ByNulPattern(sample.subarray(0, DETECTION_BYTES));
  if (utf16) return { encoding: utf16, bom: false, certain: true };

  const first = firstNonAscii(sample);
  if (first === -1) return { encoding: "utf-8", bom: false, certain: false };
  const sequence = utf8SequenceAt(sample, first);
  if (sequence === "truncated") return { encoding: "utf-8", bom: false, certain: false };
  return { encoding: sequence === "valid" ? "utf-8" : "windows-1252", bom: false, certain: true };
}

/**
 * Text in CSV files is mostly ASCII, so UTF-16 without a BOM shows as NUL bytes in one parity:
 * odd offsets for little-endian, even for big-endian. NULs without that pattern mean binary data —
 * and so do a few stray NULs that happen to fall in one parity (a NUL inside a UTF-8 file): read as
 * UTF-16, a CSV has line breaks, unless it is all ASCII (NULs in nearly every other byte).
 */
function utf16ByNulPattern(sample: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  if (even + odd === 0) return undefined;
  const pairs = Math.max(1, Math.floor(sample.length / 2));
  const guess = odd >= pairs * 0.05 && even * 4 <= odd ? "utf-16le" : even >= pairs * 0.05 && odd * 4 <= even ? "utf-16be" : undefined;
  if (guess && (Math.max(odd, even) >= pairs * 0.9 || /[\r\n]/.test(new TextDecoder(guess).decode(sample)))) return guess;
  throw notText("binary data: it contains NUL bytes");
}

function firstNonAscii(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return i;
  return -1;
}

/** Whether a well-formed UTF-8 sequence (no overlong forms, no surrogates) starts at `i`. */
function utf8SequenceAt(bytes: Uint8Array, i: number): "valid" | "invalid" | "truncated" {
  const lead = bytes[i]!;
  let length: number;
  let min = 0x80;
  let max = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) min = 0xa0;
    if (lead === 0xed) max = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) min = 0x90;
    if (lead === 0xf4) max = 0x8f;
  } else return "invalid";
  for (let k = 1; k < length; k++) {
    const b = bytes[i + k];
    if (b === undefined) return "truncated";
    if (b < (k === 1 ? min : 0x80) || b > (k === 1 ? max : 0xbf)) return "invalid";
  }
  return "valid";
}

function notText(what: string): ImportFileError {
  return new ImportFileError(`This file is not a CSV text file (it looks like ${what}). ${SAVE_AS_UTF8}`);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function countNewlines(text: string, end = text.length): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * Decodes a byte stream incrementally: `write` each chunk, then `end`. Characters split across
 * chunks are carried over. Until a non-ASCII byte shows up the encoding is tentatively UTF-8;
 * the first non-ASCII sequence then decides UTF-8 or Windows-1252 for the whole file (the ASCII
 * read so far is the same in both).
 */
export class StreamingTextDecoder {
  #encoding: TextEncodingName | undefined;
  #certain = false;
  #decoder: Decoder | undefined;
  /** Bytes held back: the start of the file before detection, or an undecided non-ASCII tail. */
  #pending: Uint8Array = EMPTY;
  /** Newlines emitted so far, to name the line in messages. */
  #newlines = 0;

  /** `encoding` forces a known encoding and skips detection. */
  constructor(options: { encoding?: TextEncodingName } = {}) {
    if (options.encoding) this.#start({ encoding: options.encoding, bom: false, certain: true });
  }

  /** The encoding decided so far ("utf-8" while the file has been ASCII only). */
  get encoding(): TextEncodingName {
    return this.#encoding ?? "utf-8";
  }

  write(chunk: Uint8Array): string {
    return this.#feed(chunk, false);
  }

  end(): string {
    return this.#feed(EMPTY, true);
  }

  /** Decides the encoding on the bytes seen so far and returns what can be decoded (for previews). */
  flush(): string {
    return this.#feed(EMPTY, false, true);
  }

  #start(guess: EncodingGuess) {
    this.#encoding = guess.encoding;
    this.#certain = guess.certain;
    this.#decoder = guess.encoding === "windows-1252" ? windows1252 : new TextDecoder(guess.encoding, { fatal: true });
  }

  #feed(chunk: Uint8Array, final: boolean, force = false): string {
    let bytes = this.#pending.length ? concat(this.#pending, chunk) : chunk;
    this.#pending = EMPTY;
    if (!this.#encoding) {
      if (bytes.length < DETECTION_BYTES && !final && !force) {
        this.#pending = bytes.slice();
        return "";
      }
      this.#start(detectEncoding(bytes));
    }
    let prefix = "";
    if (!this.#certain) {
      const first = firstNonAscii(bytes);
      if (first === -1) return this.#decode(bytes, final);
      const sequence = utf8SequenceAt(bytes, first);
      if (sequence === "truncated" && !final) {
        this.#pending = bytes.slice(first);
        return this.#decode(bytes.subarray(0, first), false);
      }
      if (sequence !== "valid") {
        prefix = this.#decode(bytes.subarray(0, first), false);
        bytes = bytes.subarray(first);
        this.#encoding = "windows-1252";
        this.#decoder = windows1252;
      }
      this.#certain = true;
    }
    return prefix + this.#decode(bytes, final);
  }

  #decode(bytes: Uint8Array, final: boolean): string {
    let text: string;
    try {
      text = this.#decoder!.decode(bytes, { stream: !final });
    } catch {
      // Decode again leniently only to find the line of the first bad byte for the message.
      const lenient = new TextDecoder(this.encoding).decode(bytes);
      const line = this.#lineAt(lenient, lenient.indexOf("\uFFFD"));
      throw new ImportFileError(`Line ${line} is not valid ${this.#encodingLabel()}. ${SAVE_AS_UTF8}`, line);
    }
    this.#check(text);
    this.#newlines += countNewlines(text);
    return text;
  }

  /** Text that decoded without error can still be unusable: refuse it rather than store it. */
  #check(text: string) {
    const nul = text.indexOf("\0");
    if (nul !== -1) {
      const line = this.#lineAt(text, nul);
      throw new ImportFileError(`Line ${line} contains a NUL character: the file is not plain text. ${SAVE_AS_UTF8}`, line);
    }
    const replacement = text.indexOf("\uFFFD");
    if (replacement !== -1) {
      const line = this.#lineAt(text, replacement);
      throw new ImportFileError(
        `Line ${line} contains the replacement character "\uFFFD", a sign that the file was damaged by an earlier conversion. Fix those characters, or export the file again as CSV (UTF-8).`,
        line,
      );
    }
    if (this.#encoding === "windows-1252") {
      const match = UNDEFINED_1252.exec(text);
      if (match) {
        const line = this.#lineAt(text, match.index);
        const byte = match[0].charCodeAt(0).toString(16).toUpperCase();
        throw new ImportFileError(
          `Line ${line} has a byte (0x${byte}) that is not a character in UTF-8 or Windows-1252, so the file's encoding cannot be recognised. ${SAVE_AS_UTF8}`,
          line,
        );
      }
    }
  }

  #lineAt(text: string, index: number): number {
    return this.#newlines + 1 + countNewlines(text, index === -1 ? text.length : index);
  }

  #encodingLabel(): string {
    return { "utf-8": "UTF-8", "utf-16le": "UTF-16", "utf-16be": "UTF-16", "windows-1252": "Windows-1252" }[this.encoding];
  }
}

/** Text decoded from a byte stream; `encoding` is final once the iteration has finished. */
export interface DecodedText extends AsyncIterable<string> {
  readonly encoding: TextEncodingName;
}

/** Decodes any async iterable of byte chunks (a Node Readable, a web ReadableStream) lazily. */
export function decodeText(
  chunks: AsyncIterable<Uint8Array>,
  options: { encoding?: TextEncodingName } = {},
): DecodedText {
  const decoder = new StreamingTextDecoder(options);
  return {
    get encoding() {
      return decoder.encoding;
    },
    async *[Symbol.asyncIterator]() {
      for await (const chunk of chunks) {
        const text = decoder.write(chunk);
        if (text) yield text;
      }
      const rest = decoder.end();
      if (rest) yield rest;
    },
  };
}
