import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { decodeText, detectEncoding, StreamingTextDecoder } from "./decode";
import { ImportFileError } from "./file-error";

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));
const utf16le = (s: string) => new Uint8Array(Buffer.from(s, "utf16le"));
const utf16be = (s: string) => utf16le(s).map((_, i, a) => a[i % 2 === 0 ? i + 1 : i - 1]!);
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "latin1")] : p)));
const BOM8 = [0xef, 0xbb, 0xbf];

/** Decodes `data` fed in chunks of `size` bytes, as a stream would deliver it. */
function decodeInChunks(data: Uint8Array, size: number) {
  const decoder = new StreamingTextDecoder();
  let text = "";
  for (let i = 0; i < data.length; i += size) text += decoder.write(data.subarray(i, i + size));
  text += decoder.end();
  return { text, encoding: decoder.encoding };
}

const decodeAll = (data: Uint8Array) => decodeInChunks(data, Math.max(1, data.length));

function refusal(run: () => unknown): ImportFileError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError);
    return e as ImportFileError;
  }
  throw new Error("expected the file to be refused");
}

describe("detectEncoding", () => {
  it("recognises byte-order marks", () => {
    expect(detectEncoding(bytes(BOM8, "a,b"))).toEqual({ encoding: "utf-8", bom: true, certain: true });
    expect(detectEncoding(bytes([0xff, 0xfe], "a\0"))).toMatchObject({ encoding: "utf-16le", bom: true });
    expect(detectEncoding(bytes([0xfe, 0xff], "\0a"))).toMatchObject({ encoding: "utf-16be", bom: true });
  });

  it("recognises UTF-16 without a BOM by its NUL bytes", () => {
    expect(detectEncoding(utf16le("Name,Phone\nMüller,+4930123\n"))).toMatchObject({ encoding: "utf-16le", bom: false });
    expect(detectEncoding(utf16be("Name,Phone\nMüller,+4930123\n"))).toMatchObject({ encoding: "utf-16be", bom: false });
  });

  it("tells UTF-8 from Windows-1252 by the first non-ASCII character, and waits when there is none", () => {
    expect(detectEncoding(utf8("Name\nMüller\n"))).toEqual({ encoding: "utf-8", bom: false, certain: true });
    expect(detectEncoding(bytes("Name\nM", [0xfc], "ller\n"))).toEqual({ encoding: "windows-1252", bom: false, certain: true });
    expect(detectEncoding(utf8("Name\nMiller\n"))).toEqual({ encoding: "utf-8", bom: false, certain: false });
  });

  it("refuses workbooks, binary data and UTF-32 with a message saying what to do", () => {
    expect(refusal(() => detectEncoding(bytes([0x50, 0x4b, 0x03, 0x04, 0x14]))).message).toMatch(/Excel workbook.*Save it as CSV \(UTF-8\)/);
    expect(refusal(() => detectEncoding(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1]))).message).toMatch(/Excel workbook/);
    expect(refusal(() => detectEncoding(bytes("ab", [0, 0, 7, 0, 0, 1, 9, 0])))).toBeInstanceOf(ImportFileError);
    expect(refusal(() => detectEncoding(bytes([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]))).message).toMatch(/UTF-32/);
  });

  it("calls a UTF-8 file with a few NUL bytes not a text file, rather than reading it as UTF-16", () => {
    for (const text of ["name,email\nA\0da,a@x.test\nBob,b@x.test\n", "name,email\nAda,a@x.test\0\n", "a,b\n\0"]) {
      expect(refusal(() => detectEncoding(utf8(text))).message).toMatch(/not a CSV text file \(it looks like binary data: it contains NUL bytes\)/);
    }
    expect(detectEncoding(utf16le("name")).encoding).toBe("utf-16le");
    expect(detectEncoding(utf16be("名前,メール\n山田,a@x.test\n")).encoding).toBe("utf-16be");
  });
});

describe("StreamingTextDecoder", () => {
  it("drops the UTF-8 BOM and keeps the text", () => {
    expect(decodeAll(bytes(BOM8, [...utf8("Name\nZoë\n")]))).toEqual({ text: "Name\nZoë\n", encoding: "utf-8" });
    expect(decodeAll(utf8("Name\r\nZoë\r\n")).text).toBe("Name\r\nZoë\r\n");
  });

  it("decodes UTF-16 LE and BE, with or without a BOM", () => {
    const csv = "Name;City\nMüller;Köln\n李;東京 🎉\n";
    expect(decodeAll(bytes([0xff, 0xfe], [...utf16le(csv)]))).toEqual({ text: csv, encoding: "utf-16le" });
    expect(decodeAll(bytes([0xfe, 0xff], [...utf16be(csv)]))).toEqual({ text: csv, encoding: "utf-16be" });
    expect(decodeAll(utf16le(csv))).toEqual({ text: csv, encoding: "utf-16le" });
    expect(decodeAll(utf16be(csv))).toEqual({ text: csv, encoding: "utf-16be" });
  });

  it("decodes Windows-1252 when the file is not UTF-8", () => {
    const file = bytes("Name,Note\nM", [0xfc], "ller,caf", [0xe9], "\nJos", [0xe9], ",", [0x80], "5 ", [0x93], "ok", [0x94], "\n");
    expect(decodeAll(file)).toEqual({ text: "Name,Note\nMüller,café\nJosé,€5 \u201cok\u201d\n", encoding: "windows-1252" });
  });

  it("switches to Windows-1252 when the first non-ASCII byte comes after the first chunks", () => {
    const ascii = "Name,City\n" + "Smith,Boston\n".repeat(400);
    const file = bytes(ascii, "M", [0xfc], "ller,K", [0xf6], "ln\n");
    for (const size of [64, 1000, 4096, file.length]) {
      expect(decodeInChunks(file, size)).toEqual({ text: ascii + "Müller,Köln\n", encoding: "windows-1252" });
    }
  });

  it("carries characters split across chunk boundaries, at every split point", () => {
    const csv = "Name,Note\nZoë,€ 𝄞 🎉 日本\n";
    const cases = [
      { data: utf8(csv), encoding: "utf-8" },
      { data: bytes(BOM8, [...utf8(csv)]), encoding: "utf-8" },
      { data: bytes([0xff, 0xfe], [...utf16le(csv)]), encoding: "utf-16le" },
      { data: bytes([0xfe, 0xff], [...utf16be(csv)]), encoding: "utf-16be" },
    ];
    for (const { data, encoding } of cases) {
      for (const size of [1, 2, 3, 5, 7]) expect(decodeInChunks(data, size)).toEqual({ text: csv, encoding });
    }
  });

  it("decides on a short start of a file when flushed, for previews", () => {
    const decoder = new StreamingTextDecoder();
    expect(decoder.write(bytes("Name\nM", [0xfc]))).toBe("");
    expect(decoder.flush()).toBe("Name\nMü");
    expect(decoder.encoding).toBe("windows-1252");
  });

  it("reports an ASCII-only file as UTF-8", () => {
    expect(decodeInChunks(utf8("a,b\n1,2\n"), 3)).toEqual({ text: "a,b\n1,2\n", encoding: "utf-8" });
    expect(decodeAll(new Uint8Array(0))).toEqual({ text: "", encoding: "utf-8" });
  });

  it("refuses a file that mixes UTF-8 and another encoding, naming the line", () => {
    const file = bytes([...utf8("Name\nZoë\n")], "M", [0xfc], "ller\n");
    const error = refusal(() => decodeAll(file));
    expect(error.message).toMatch(/^Line 3 is not valid UTF-8\./);
    expect(error.line).toBe(3);
    expect(refusal(() => decodeInChunks(file, 2)).message).toMatch(/not valid UTF-8/);
  });

  it("refuses bytes that Windows-1252 does not define instead of guessing", () => {
    const error = refusal(() => decodeAll(bytes("Name\nM", [0xfc], "ller\nx", [0x81], "y\n")));
    expect(error.message).toMatch(/^Line 3 has a byte \(0x81\) that is not a character in UTF-8 or Windows-1252/);
  });

  it("refuses broken UTF-16 and NUL characters", () => {
    expect(refusal(() => decodeAll(bytes([0xff, 0xfe], [...utf16le("ab\n")], [0x61]))).message).toMatch(/not valid UTF-16/);
    expect(refusal(() => decodeAll(bytes([0xff, 0xfe], [...utf16le("a\n")], [0x00, 0xd8, 0x61, 0x00]))).message).toMatch(/not valid UTF-16/);
    expect(refusal(() => decodeAll(bytes(BOM8, "a\nb\0c\n"))).message).toMatch(/^Line 2 contains a NUL character/);
  });

  it("never passes on a replacement character, even one already in the file", () => {
    const error = refusal(() => decodeAll(utf8("Name\nJos\uFFFD\n")));
    expect(error.message).toMatch(/^Line 2 contains the replacement character/);
  });
});

describe("decodeText", () => {
  it("decodes a Node stream lazily and reports the encoding at the end", async () => {
    const file = bytes("Name\nM", [0xfc], "ller\n");
    const decoded = decodeText(Readable.from([Buffer.from(file.subarray(0, 7)), Buffer.from(file.subarray(7))]));
    let text = "";
    for await (const part of decoded) text += part;
    expect(text).toBe("Name\nMüller\n");
    expect(decoded.encoding).toBe("windows-1252");
  });

  it("honours a forced encoding", async () => {
    const decoded = decodeText(Readable.from([Buffer.from(bytes("caf", [0xe9]))]), { encoding: "windows-1252" });
    let text = "";
    for await (const part of decoded) text += part;
    expect(text).toBe("café");
  });
});
