import { describe, expect, it } from "vitest";
import { z } from "zod";
import { findControlChar, firstControlChar, refuseControlChars } from "./control-chars";

describe("control characters", () => {
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
