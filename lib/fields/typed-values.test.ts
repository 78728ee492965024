import { describe, expect, it } from "vitest";
import { dropdownParser, parseBoolean, parseDate, parseNumber } from "./typed-values";

const value = <T>(r: { ok: true; value: T } | { ok: false; message: string }) => (r.ok ? r.value : `ERR ${r.message}`);

describe("parseBoolean", () => {
  it("reads yes/no, true/false and 1/0 in any case", () => {
    expect(["yes", "Y", "TRUE", "1", "t"].map((v) => value(parseBoolean(v)))).toEqual([true, true, true, true, true]);
    expect(["no", "N", "False", "0", "f"].map((v) => value(parseBoolean(v)))).toEqual([false, false, false, false, false]);
    expect(value(parseBoolean("maybe"))).toBe('ERR "maybe" is not yes or no (use yes/no, true/false or 1/0).');
  });
});

describe("parseNumber", () => {
  it("returns canonical decimal strings that keep every digit", () => {
    const cases: Record<string, string> = {
      "42": "42",
      "-3.50": "-3.5",
      "+007": "7",
      "12345678901234567890.123": "12345678901234567890.123",
      "12,5": "12.5",
      "1,234.56": "1234.56",
      "1,234,567": "1234567",
      "1.234,56": "1234.56",
      "1.234.567": "1234567",
      "1 234,5": "1234.5",
      "-0.0": "0",
      "3.141": "3.141",
    };
    for (const [input, out] of Object.entries(cases)) expect([input, value(parseNumber(input))]).toEqual([input, out]);
  });

  it("refuses what is not a number, and a lone thousands comma that could be a decimal comma", () => {
    expect(value(parseNumber("12a"))).toBe('ERR "12a" is not a number (write it like 42 or 3.5).');
    expect(value(parseNumber("1,234"))).toMatch(/^ERR "1,234" is ambiguous/);
    expect(value(parseNumber("1e5"))).toMatch(/not a number/);
    expect(value(parseNumber("--1"))).toMatch(/not a number/);
  });
});

describe("parseDate", () => {
  it("reads ISO dates, with or without a time", () => {
    expect(value(parseDate("2024-03-05"))).toBe("2024-03-05");
    expect(value(parseDate("2024-3-5"))).toBe("2024-03-05");
    expect(value(parseDate("2024-03-05T10:20:30Z"))).toBe("2024-03-05");
    expect(value(parseDate("2024/03/05"))).toBe("2024-03-05");
  });

  it("reads D/M/Y and M/D/Y when the numbers leave no doubt", () => {
    expect(value(parseDate("13/02/2024"))).toBe("2024-02-13");
    expect(value(parseDate("02/13/2024"))).toBe("2024-02-13");
    expect(value(parseDate("13.02.2024"))).toBe("2024-02-13");
    expect(value(parseDate("05-05-2024"))).toBe("2024-05-05");
  });

  it("refuses ambiguous dates unless the file's date order is given", () => {
    expect(value(parseDate("05/03/2024"))).toMatch(/^ERR "05\/03\/2024" is ambiguous/);
    expect(value(parseDate("05/03/2024", "dmy"))).toBe("2024-03-05");
    expect(value(parseDate("05/03/2024", "mdy"))).toBe("2024-05-03");
  });

  it("refuses impossible and unreadable dates", () => {
    expect(value(parseDate("2023-02-29"))).toBe('ERR "2023-02-29" is not a date in the calendar.');
    expect(value(parseDate("2024-02-29"))).toBe("2024-02-29");
    expect(value(parseDate("31/04/2024"))).toMatch(/not a date in the calendar/);
    expect(value(parseDate("05/03/24"))).toMatch(/not a date \(write it as YYYY-MM-DD/);
    expect(value(parseDate("March 5"))).toMatch(/not a date/);
    expect(value(parseDate("13/13/2024"))).toMatch(/not a date/);
  });
});

describe("dropdownParser", () => {
  it("maps any case to the canonical option and lists the options otherwise", () => {
    const parse = dropdownParser(["Gold", "Silver"]);
    expect(value(parse("gold"))).toBe("Gold");
    expect(value(parse("SILVER"))).toBe("Silver");
    expect(value(parse("Bronze"))).toBe('ERR "Bronze" is not one of the options ("Gold", "Silver").');
  });
});
