import { describe, expect, it } from "vitest";
import { formatPhone, normalizePhone, phoneDigitsOf } from "./phone";

describe("normalizePhone", () => {
  it("reads a national number in the default country", () => {
    expect(normalizePhone("(319) 555-4929", "US")).toEqual({ ok: true, e164: "+13195554929", country: "US" });
    expect(normalizePhone("030 12345678", "DE")).toMatchObject({ ok: true, e164: "+493012345678" });
  });

  it("lets a + or 00 prefix override the default country", () => {
    expect(normalizePhone("+44 20 7946 0958", "US")).toMatchObject({ ok: true, e164: "+442079460958" });
    expect(normalizePhone("0044 20 7946 0958", "US")).toMatchObject({ ok: true, e164: "+442079460958" });
  });

  it("rejects invalid numbers with a message that says why", () => {
    const short = normalizePhone("12", "US");
    expect(short.ok).toBe(false);
    expect(!short.ok && short.message).toMatch(/not a valid phone number for US/);
    expect(normalizePhone("call me", "US")).toMatchObject({ ok: false });
    expect(normalizePhone("   ", "US")).toMatchObject({ ok: false, message: "Enter a phone number." });
  });
});

describe("formatPhone", () => {
  it("shows the international format with the country's grouping", () => {
    expect(formatPhone("+13195554929")).toBe("+1 319-555-4929");
    expect(formatPhone("+493012345678")).toBe("+49 30-12345678");
  });
});

describe("phoneDigitsOf", () => {
  it("extracts digits from phone-like queries only", () => {
    expect(phoneDigitsOf("555 4929")).toBe("5554929");
    expect(phoneDigitsOf("+1 (319) 555-4929")).toBe("13195554929");
    expect(phoneDigitsOf("ada")).toBeNull();
    expect(phoneDigitsOf("12")).toBeNull();
  });
});
