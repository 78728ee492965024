import { describe, expect, it } from "vitest";
import { parseSystemValue, textRule } from "./system";

describe("parseSystemValue", () => {
  it("reads an empty value as none, for every field", () => {
    for (const id of ["company", "country", "language", "timeZone", "leadStage"]) expect(parseSystemValue(id, "  ")).toEqual({ ok: true, value: null });
  });

  it("applies each field's limit: names 100, website 500, streets 300 on several lines, others 200", () => {
    expect(textRule("firstName").max).toBe(100);
    expect(parseSystemValue("lastName", "x".repeat(101)).ok).toBe(false);
    expect(parseSystemValue("company", "x".repeat(200)).ok).toBe(true);
    expect(parseSystemValue("company", "x".repeat(201)).ok).toBe(false);
    expect(parseSystemValue("street", "Flat 3\n12 High St")).toEqual({ ok: true, value: "Flat 3\n12 High St" });
    expect(parseSystemValue("city", "New\nYork").ok).toBe(false);
  });

  it("stores the canonical form of countries, languages, time zones and enums", () => {
    expect(parseSystemValue("country", "United Kingdom")).toEqual({ ok: true, value: "GB" });
    expect(parseSystemValue("language", "en-us")).toEqual({ ok: true, value: "en-US" });
    expect(parseSystemValue("timeZone", "utc")).toEqual({ ok: true, value: "UTC" });
    expect(parseSystemValue("status", "Disabled")).toEqual({ ok: true, value: "inactive" });
  });

  it("refuses control characters in a typed field before reading it", () => {
    expect(parseSystemValue("country", "D\u0000E")).toEqual({
      ok: false,
      message: "This value contains an invisible control character (U+0000): remove it and try again.",
    });
  });
});
