import { describe, expect, it } from "vitest";
import { compileFilter } from "./compile";
import { filterFields } from "./fields";

const ctx = { fields: filterFields([{ id: 7, key: "since", label: "Since", type: "date", options: [] }]), userId: 1 };
const one = (field: string, op: string, value: unknown) => ({ join: "and", conditions: [{ field, op, value }] });

describe("compileFilter: values that PostgreSQL would refuse are refused first, with a message", () => {
  it("refuses impossible calendar dates (Date.parse would roll 2026-02-31 over to March)", () => {
    for (const value of ["2026-02-31", "2026-02-29", "2025-04-31", "2026-13-01", "2026-00-10", "0000-01-01"]) {
      expect(() => compileFilter(one("attr:since", "before", value), ctx)).toThrow("Not a real date.");
      expect(() => compileFilter(one("createdAt", "between", ["2026-01-01", value]), ctx)).toThrow("Not a real date.");
    }
    expect(compileFilter(one("attr:since", "before", "2024-02-29"), ctx)).toBeDefined();
  });

  it("refuses control characters anywhere in the filter, naming the character", () => {
    const message = "The filter contains an invisible control character (U+0000). Remove it and try again.";
    expect(() => compileFilter(one("company", "contains", "a\u0000"), ctx)).toThrow(message);
    expect(() => compileFilter(one("company", "is_not_empty", "\u0000"), ctx)).toThrow(message);
  });
});
