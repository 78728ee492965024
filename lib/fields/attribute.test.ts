import { describe, expect, it } from "vitest";
import { parseAttributeValue } from "./attribute";

const def = (type: "text" | "number" | "date" | "dropdown" | "boolean", options: string[] = []) => ({ type, options });

describe("parseAttributeValue", () => {
  it("treats an empty value as no value, for every type", () => {
    for (const type of ["text", "number", "date", "dropdown", "boolean"] as const) {
      expect(parseAttributeValue(def(type, ["A"]), "  ")).toEqual({ ok: true, value: null });
      expect(parseAttributeValue(def(type, ["A"]), null)).toEqual({ ok: true, value: null });
    }
  });

  it("numbers: decimal point or comma, kept exactly; words, exponents and blobs refused", () => {
    expect(parseAttributeValue(def("number"), "3.50")).toMatchObject({ ok: true, value: { numberValue: "3.5" } });
    expect(parseAttributeValue(def("number"), "1,5")).toMatchObject({ ok: true, value: { numberValue: "1.5" } });
    expect(parseAttributeValue(def("number"), 42)).toMatchObject({ ok: true, value: { numberValue: "42" } });
    for (const bad of ["12abc", "NaN", "Infinity", "1e20", "--1"]) {
      expect(parseAttributeValue(def("number"), bad)).toEqual({ ok: false, message: `"${bad}" is not a number (write it like 42 or 3.5).` });
    }
    expect(parseAttributeValue(def("number"), "9".repeat(31)).ok).toBe(false);
  });

  it("dates: real calendar dates, ISO or with an order the numbers make plain", () => {
    expect(parseAttributeValue(def("date"), "2024-02-29")).toMatchObject({ ok: true, value: { dateValue: "2024-02-29" } });
    expect(parseAttributeValue(def("date"), "31.12.2024")).toMatchObject({ ok: true, value: { dateValue: "2024-12-31" } });
    expect(parseAttributeValue(def("date"), "05/03/2024", { dateOrder: "dmy" })).toMatchObject({ ok: true, value: { dateValue: "2024-03-05" } });
    for (const bad of ["2023-02-29", "2024-13-01", "05/03/2024", "tomorrow"]) expect(parseAttributeValue(def("date"), bad).ok).toBe(false);
  });

  it("dropdowns: one of the options, matched case-insensitively and stored as defined", () => {
    const plan = def("dropdown", ["Free", "Pro"]);
    expect(parseAttributeValue(plan, "pro")).toMatchObject({ ok: true, value: { textValue: "Pro" } });
    expect(parseAttributeValue(plan, "Gold")).toEqual({ ok: false, message: '"Gold" is not one of the options ("Free", "Pro").' });
  });

  it("booleans: the one list of yes/no words, and real booleans", () => {
    for (const yes of ["on", "Yes", "t", "1", "TRUE", "y"]) expect(parseAttributeValue(def("boolean"), yes)).toMatchObject({ ok: true, value: { boolValue: true } });
    for (const no of ["off", "No", "f", "0", "false", "n"]) expect(parseAttributeValue(def("boolean"), no)).toMatchObject({ ok: true, value: { boolValue: false } });
    expect(parseAttributeValue(def("boolean"), false)).toMatchObject({ ok: true, value: { boolValue: false } });
    expect(parseAttributeValue(def("boolean"), "maybe").ok).toBe(false);
    expect(parseAttributeValue(def("text"), true).ok).toBe(false);
  });

  it("text: kept as typed, trimmed, at most 1000 characters, several lines allowed", () => {
    expect(parseAttributeValue(def("text"), "  A-17 ")).toMatchObject({ ok: true, value: { textValue: "A-17" } });
    expect(parseAttributeValue(def("text"), "x".repeat(1000)).ok).toBe(true);
    expect(parseAttributeValue(def("text"), "x".repeat(1001))).toEqual({ ok: false, message: "Use at most 1000 characters (this has 1001)." });
    expect(parseAttributeValue(def("text"), "Met at the fair.\r\nCall back in May.")).toMatchObject({ ok: true, value: { textValue: "Met at the fair.\nCall back in May." } });
  });

  it("refuses NUL and other control characters in every type with the same message", () => {
    for (const type of ["text", "number", "date", "dropdown", "boolean"] as const) {
      expect(parseAttributeValue(def(type, ["A"]), "1\u0000")).toEqual({
        ok: false,
        message: "This value contains an invisible control character (U+0000): remove it and try again.",
      });
    }
  });
});
