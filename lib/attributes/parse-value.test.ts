import { describe, expect, it } from "vitest";
import { parseAttributeValue } from "./parse-value";

const def = (type: "text" | "number" | "date" | "dropdown" | "boolean", options: string[] = []) => ({ label: "Field", type, options });

describe("parseAttributeValue", () => {
  it("treats an empty value as no value, for every type", () => {
    for (const type of ["text", "number", "date", "dropdown", "boolean"] as const) {
      expect(parseAttributeValue(def(type, ["A"]), "  ")).toEqual({ ok: true, value: null });
      expect(parseAttributeValue(def(type, ["A"]), null)).toEqual({ ok: true, value: null });
    }
  });

  it("numbers: accepts decimals and signs, refuses words, commas and huge values", () => {
    expect(parseAttributeValue(def("number"), "3.50")).toMatchObject({ ok: true, value: { numberValue: "3.5" } });
    expect(parseAttributeValue(def("number"), "-12")).toMatchObject({ ok: true, value: { numberValue: "-12" } });
    for (const bad of ["12abc", "1,5", "NaN", "Infinity", "1e20", "--1"]) {
      expect(parseAttributeValue(def("number"), bad)).toEqual({ ok: false, message: "Field must be a number, like 42 or 3.5." });
    }
  });

  it("dates: only real calendar dates written YYYY-MM-DD", () => {
    expect(parseAttributeValue(def("date"), "2024-02-29")).toMatchObject({ ok: true, value: { dateValue: "2024-02-29" } });
    for (const bad of ["2023-02-29", "2024-13-01", "31.12.2024", "2024-1-5", "tomorrow"]) {
      expect(parseAttributeValue(def("date"), bad).ok).toBe(false);
    }
  });

  it("dropdowns: one of the options, matched case-insensitively and stored as defined", () => {
    const plan = def("dropdown", ["Free", "Pro"]);
    expect(parseAttributeValue(plan, "pro")).toMatchObject({ ok: true, value: { textValue: "Pro" } });
    expect(parseAttributeValue(plan, "Gold")).toEqual({ ok: false, message: "Field must be one of: Free, Pro." });
  });

  it("booleans: yes/no words and real booleans", () => {
    expect(parseAttributeValue(def("boolean"), "on")).toMatchObject({ ok: true, value: { boolValue: true } });
    expect(parseAttributeValue(def("boolean"), "No")).toMatchObject({ ok: true, value: { boolValue: false } });
    expect(parseAttributeValue(def("boolean"), false)).toMatchObject({ ok: true, value: { boolValue: false } });
    expect(parseAttributeValue(def("boolean"), "maybe").ok).toBe(false);
    expect(parseAttributeValue(def("text"), true).ok).toBe(false);
  });

  it("text: kept as typed, trimmed, at most 1000 characters", () => {
    expect(parseAttributeValue(def("text"), "  A-17 ")).toMatchObject({ ok: true, value: { textValue: "A-17" } });
    expect(parseAttributeValue(def("text"), "x".repeat(1001)).ok).toBe(false);
  });
});
