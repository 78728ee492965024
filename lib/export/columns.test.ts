import { describe, expect, it } from "vitest";
import { exportColumns } from "./columns";
import { parseExportRequest } from "./export";

const attributes = [
  { id: 1, key: "plan", label: "Plan", type: "dropdown" as const, options: ["Free", "Gold"] },
  { id: 2, key: "company_2", label: "Company", type: "text" as const, options: [] },
];

describe("exportColumns", () => {
  it("takes list column ids in order, with labels the import maps back", () => {
    expect(exportColumns(["tags", "name", "attr:plan", "attr:company_2"], attributes).map((c) => c.header)).toEqual([
      "Tags",
      "Name",
      "Plan",
      // "Company" alone would be read as the system field.
      "Company [company_2]",
    ]);
  });

  it("has every system field then every attribute for all fields, and refuses unknown ids", () => {
    const all = exportColumns("all", attributes);
    expect(all[0]!.id).toBe("name");
    expect(all.slice(-2).map((c) => c.id)).toEqual(["attr:plan", "attr:company_2"]);
    expect(() => exportColumns(["name", "secret"], attributes)).toThrow("Unknown column: secret");
  });

  it("writes enum values as their labels", () => {
    const [stage] = exportColumns(["leadStage"], attributes);
    expect(stage!.format!("opportunity")).toBe("Opportunity");
  });
});

describe("parseExportRequest", () => {
  it("reads the list's URL state", () => {
    const filter = { join: "and", conditions: [{ field: "company", op: "is", value: "Acme" }] };
    const q = new URLSearchParams({ segment: "12", f: JSON.stringify(filter), q: "  ada  lovelace ", cols: "name,phones", sort: "name.desc", bom: "1" });
    expect(parseExportRequest(q)).toEqual({
      selection: { all: { segment: "12", filter, search: "ada lovelace" } },
      columns: ["name", "phones"],
      sort: "name.desc",
      bom: true,
    });
    expect(parseExportRequest(new URLSearchParams("ids=3,1&all=1"))).toEqual({ selection: { ids: [3, 1] }, columns: "all", bom: false });
    expect(parseExportRequest(new URLSearchParams(""))).toEqual({ selection: { all: { segment: "all" } }, columns: undefined, bom: false });
  });

  it("refuses an unknown segment or a malformed filter rather than exporting something else", () => {
    expect(() => parseExportRequest(new URLSearchParams("segment=everyone"))).toThrow("Unknown segment.");
    expect(() => parseExportRequest(new URLSearchParams({ f: JSON.stringify({ join: "xor", conditions: [] }) }))).toThrow("The export link is not valid.");
  });
});
