import { describe, expect, it } from "vitest";
import { generateContactKey } from "./contact-key";

describe("generateContactKey", () => {
  it("makes C- and 8 Crockford base32 characters, different each time (across refills of its random pool)", () => {
    const keys = new Set(Array.from({ length: 5000 }, generateContactKey));
    expect(keys.size).toBe(5000);
    for (const key of keys) expect(key).toMatch(/^C-[0-9A-HJKMNP-TV-Z]{8}$/);
    // All 32 characters turn up in every position: the 40 bits are spread over the 8 characters.
    for (let i = 2; i < 10; i++) expect(new Set([...keys].map((k) => k[i])).size).toBe(32);
  });
});
