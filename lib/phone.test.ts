import { describe, expect, it } from "vitest";
import { formatPhone, normalizePhone, phoneDigitsOf, phoneMatchKey } from "./phone";

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

describe("number variants: one line, one contact", () => {
  it("Brazil: a mobile without its ninth digit is read as the number with it", () => {
    expect(normalizePhone("+55 11 8765-4321", "US")).toMatchObject({ ok: true, e164: "+5511987654321" });
    expect(normalizePhone("(21) 9876-5432", "BR")).toMatchObject({ ok: true, e164: "+5521998765432" });
    expect(normalizePhone("+55 11 98765-4321", "US")).toMatchObject({ ok: true, e164: "+5511987654321" });
    // A landline (2–5 after the area code) is its own number, never given a 9.
    expect(normalizePhone("+55 21 3333-4444", "US")).toMatchObject({ ok: true, e164: "+552133334444" });
  });

  it("Mexico: +52 1 is read as the number without the 1", () => {
    expect(normalizePhone("+52 1 55 1234 5678", "US")).toMatchObject({ ok: true, e164: "+525512345678" });
    expect(normalizePhone("+52 55 1234 5678", "US")).toMatchObject({ ok: true, e164: "+525512345678" });
  });

  it("Argentina: +54 9 … and +54 … are both kept as typed, under one match key", () => {
    const mobile = normalizePhone("+54 9 11 2345-6789", "US");
    const home = normalizePhone("+54 11 2345-6789", "US");
    expect(mobile).toMatchObject({ ok: true, e164: "+5491123456789" });
    expect(home).toMatchObject({ ok: true, e164: "+541123456789" });
    expect(phoneMatchKey("+5491123456789")).toBe(phoneMatchKey("+541123456789"));
    expect(phoneMatchKey("+5493514567890")).toBe("+543514567890");
  });

  it("every other number is its own key", () => {
    for (const n of ["+13195554929", "+5511987654321", "+525512345678", "+4930123456789", "+549112345678"]) expect(phoneMatchKey(n)).toBe(n);
  });
});
