import { describe, expect, it } from "vitest";
import { parseEmail } from "./email";

describe("parseEmail", () => {
  it("stores the lower-cased form the unique index compares", () => {
    expect(parseEmail("Ada.Lovelace@Example.COM")).toEqual({ ok: true, value: "ada.lovelace@example.com" });
  });

  it("refuses what is not an address, and addresses over 254 characters", () => {
    for (const bad of ["ada@", "@example.com", "ada example.com", "ada@example"]) {
      expect(parseEmail(bad)).toEqual({ ok: false, message: `"${bad}" is not a valid e-mail address.` });
    }
    expect(parseEmail(`${"a".repeat(64)}@${"b".repeat(190)}.com`).ok).toBe(false);
  });
});
