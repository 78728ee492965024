import { describe, expect, it } from "vitest";
import { controlCharacterProblem, parseText } from "./text";

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
