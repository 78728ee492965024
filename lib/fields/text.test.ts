import { describe, expect, it } from "vitest";
import { z } from "zod";
import { controlCharacterProblem, findControlChar, firstControlChar, parseText, refuseControlChars } from "./text";

describe("parseText", () => {
  it("keeps a clean one-line value within its limit", () => {
    expect(parseText("Initech", { max: 7 })).toEqual({ ok: true, value: "Initech" });
    expect(parseText("Initech!", { max: 7 })).toEqual({ ok: false, message: "Use at most 7 characters (this has 8)." });
  });

  it("refuses NUL, other C0 controls, DEL and C1 controls everywhere, naming the character", () => {
    for (const [char, code] of [["\u0000", "U+0000"], ["\u001b", "U+001B"], ["\u007f", "U+007F"], ["\u0085", "U+0085"]]) {
      expect(parseText(`a${char}b`, { max: 10, multiLine: true })).toEqual({
        ok: false,
        message: `This value contains an invisible control character (${code}): remove it and try again.`,
      });
    }
  });

  it("takes line breaks and tabs only in multi-line fields, stored with \\n", () => {
    expect(parseText("Flat 3\r\n12 High St\rBack", { max: 100, multiLine: true })).toEqual({ ok: true, value: "Flat 3\n12 High St\nBack" });
    for (const v of ["a\nb", "a\tb", "a\rb"]) expect(controlCharacterProblem(v)).toMatch(/^Write this value on one line/);
    expect(controlCharacterProblem("Zoë Weiß — ☎ 😀")).toBeNull();
  });
});

describe("control characters outside contact values", () => {
  it("finds NUL, the other C0 controls, DEL and C1, but not tab, line breaks or ordinary text", () => {
    for (const [text, code] of [
      ["a\u0000b", "U+0000"],
      ["\u0007", "U+0007"],
      ["x\u000B", "U+000B"],
      ["\u001B[31m", "U+001B"],
      ["\u007F", "U+007F"],
      ["\u0085", "U+0085"],
    ] as const) {
      expect(firstControlChar(text)).toBe(code);
    }
    for (const text of ["", "Ada Lovelace", "tab\there", "two\nlines\r\n", "Zoë ✓ 😀 \u202E\u200B"]) expect(firstControlChar(text)).toBeNull();
  });

  it("looks into arrays, objects and their keys", () => {
    expect(findControlChar({ join: "and", conditions: [{ field: "company", op: "is_not_empty", value: "\u0000" }] })).toBe("U+0000");
    expect(findControlChar({ ["k\u0001"]: 1 })).toBe("U+0001");
    expect(findControlChar([1, true, null, ["fine"]])).toBeNull();
  });

  it("refuses with a message that names the input and the character", () => {
    const schema = z.string().superRefine(refuseControlChars("The search"));
    const parsed = schema.safeParse("ada\u0000");
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("The search contains an invisible control character (U+0000). Remove it and try again.");
    expect(schema.safeParse("ada").success).toBe(true);
  });
});
