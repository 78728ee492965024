import { describe, expect, it } from "vitest";
import { autoMap } from "./auto-map";
import { errorCsv, errorCsvHeader, errorCsvRow, escapeCell } from "./error-csv";
import { parseCsv, type CsvRow } from "./parse";
import { compileRowValidator } from "./validate-row";

async function* once(text: string) {
  yield text;
}

async function readBack(text: string) {
  const table = await parseCsv(once(text));
  const rows: CsvRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return { ...table, rows };
}

describe("escapeCell", () => {
  it("prefixes cells a spreadsheet would run as a formula, and quotes every cell", () => {
    expect(escapeCell('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(escapeCell("@SUM(A1:A9)")).toBe(`"'@SUM(A1:A9)"`);
    expect(escapeCell("+cmd|' /C calc'!A0")).toBe(`"'+cmd|' /C calc'!A0"`);
    expect(escapeCell("-2+3+cmd|' /C calc'!A0")).toBe(`"'-2+3+cmd|' /C calc'!A0"`);
    expect(escapeCell("\t=1+1")).toBe(`"'\t=1+1"`);
    expect(escapeCell("\r=1+1")).toBe(`"'\r=1+1"`);
    expect(escapeCell("\n=1+1")).toBe(`"'\n=1+1"`);
    expect(escapeCell("Ada")).toBe(`"Ada"`);
    expect(escapeCell("")).toBe(`""`);
  });

  it("keeps phone numbers and plain signed numbers usable", () => {
    expect(escapeCell("+13195554929")).toBe(`"+13195554929"`);
    expect(escapeCell("+1 (319) 555-4929")).toBe(`"+1 (319) 555-4929"`);
    expect(escapeCell("-12.5")).toBe(`"-12.5"`);
    expect(escapeCell("+1 555 CALL NOW")).toBe(`"'+1 555 CALL NOW"`);
    expect(escapeCell("+13195554929; +493012345678")).toBe(`"+13195554929; +493012345678"`);
    expect(escapeCell("+13195554929; =1+1")).toBe(`"'+13195554929; =1+1"`);
    expect(escapeCell("+13195554929;\n=cmd")).toBe(`"'+13195554929;\n=cmd"`);
  });
});

describe("errorCsv", () => {
  const headers = ["Name", "Email", "Phone", "Note"];

  it("starts with a BOM and the line and error columns, in the file's delimiter", () => {
    expect(errorCsvHeader(headers, { delimiter: ";" })).toBe('\uFEFF"line";"error";"Name";"Email";"Phone";"Note"\r\n');
    expect(errorCsvRow({ line: 7, values: ["Ada", "ada@", "", "x"], error: 'Email: "ada@" is not a valid e-mail address.' })).toBe(
      '"7","Email: ""ada@"" is not a valid e-mail address.","Ada","ada@","","x"\r\n',
    );
  });

  it("renames its own columns when the file already has them", () => {
    expect(errorCsvHeader(["line", "error", "Email"])).toBe('\uFEFF"line 2","error 2","line","error","Email"\r\n');
  });

  it("reads back as the original values, and re-imports with our columns ignored", async () => {
    const values = ["=1+1 Ada", "ada@example.com", "+1 212 555 0147", 'said "hi";\nthen, left\r\n-ok'];
    const text = errorCsv(headers, [{ line: 12, values, error: "Something" }], { delimiter: ";" });
    const back = await readBack(text);
    expect(back.delimiter).toBe(";");
    expect(back.headers).toEqual(["line", "error", ...headers]);
    expect(back.rows).toEqual([{ line: 2, values: ["12", "Something", "'=1+1 Ada", ...values.slice(1)] }]);

    const mapping = autoMap(back.headers);
    expect(mapping).toEqual(["ignore", "ignore", "fullName", "email", "phone", "ignore"]);
    const validate = compileRowValidator(back.headers, mapping, [], { defaultCountry: "US" });
    expect(validate(back.rows[0]!)).toMatchObject({
      ok: true,
      record: { fields: { firstName: "=1+1", lastName: "Ada" }, phones: ["+12125550147"], emails: ["ada@example.com"] },
    });
  });
});
