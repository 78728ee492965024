import { describe, expect, it } from "vitest";
import { parseContactKey } from "./contact-key";

describe("parseContactKey", () => {
  it("accepts ids from other systems and refuses spaces and leading punctuation", () => {
    for (const good of ["CRM-123", "hubspot:4711", "Kunde#12", "ÄÖ-1", "a", "x".repeat(64)]) expect(parseContactKey(good)).toEqual({ ok: true, value: good });
    for (const bad of ["has space", "-leading", "x".repeat(65), "semi;colon", "a\u0000b"]) expect(parseContactKey(bad).ok).toBe(false);
  });
});
