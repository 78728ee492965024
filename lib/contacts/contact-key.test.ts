import { describe, expect, it } from "vitest";
import { contactKeySchema, generateContactKey } from "./contact-key";

describe("generateContactKey", () => {
  it("makes C- and 8 Crockford base32 characters, different each time", () => {
    const keys = new Set(Array.from({ length: 500 }, generateContactKey));
    expect(keys.size).toBe(500);
    for (const key of keys) expect(key).toMatch(/^C-[0-9A-HJKMNP-TV-Z]{8}$/);
  });
});

describe("contactKeySchema", () => {
  it("accepts ids from other systems and refuses spaces and leading punctuation", () => {
    for (const ok of ["CRM-123", "hubspot:4711", "Kunde#12", "ÄÖ-1", "a"]) expect(contactKeySchema.safeParse(ok).success).toBe(true);
    for (const bad of ["has space", "-leading", "x".repeat(65), "semi;colon"]) expect(contactKeySchema.safeParse(bad).success).toBe(false);
    expect(contactKeySchema.parse("  K-1 ")).toBe("K-1");
  });
});
