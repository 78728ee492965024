import { describe, expect, it } from "vitest";
import { SYSTEM_FIELDS } from "@/lib/contacts/fields";
import { autoMap } from "./auto-map";
import { parseCsv } from "../read/parse";
import { IMPORTABLE_FIELDS, type ImportAttribute } from "./targets";
import { templateCsv, templateHeaders } from "./template";

const attributes: ImportAttribute[] = [
  { key: "plan", label: "Plan", type: "dropdown", options: ["Free", "Pro"] },
  { key: "mobile_app", label: "Mobile", type: "boolean", options: [] },
  { key: "company_size", label: "Company", type: "number", options: [] },
  { key: "size", label: "Plan", type: "text", options: [] },
  { key: "formula", label: "=Score", type: "number", options: [] },
];

describe("templateHeaders", () => {
  it("has a column per importable field, Phone, Email, Tags and custom attribute", () => {
    const headers = templateHeaders(attributes);
    expect(headers.slice(0, 6)).toEqual(["Contact ID", "First name", "Middle name", "Last name", "Phone", "Email"]);
    expect(headers).toHaveLength(IMPORTABLE_FIELDS.length + 3 + attributes.length);
    expect(headers.slice(-5)).toEqual(["Plan", "Mobile", "Company [company_size]", "Plan [size]", "=Score"]);
  });

  it("auto-maps every one of its headers back to its field", () => {
    const importable = new Set<string>([...IMPORTABLE_FIELDS.map((f) => f.id), "phones", "emails", "tags"]);
    const fieldTargets = SYSTEM_FIELDS.filter((f) => importable.has(f.id)).map((f) => ({ phones: "phone", emails: "email" })[f.id as string] ?? f.id);
    expect(autoMap(templateHeaders(attributes), { attributes })).toEqual([
      ...fieldTargets,
      "attr:plan",
      "attr:mobile_app",
      "attr:company_size",
      "attr:size",
      "attr:formula",
    ]);
  });
});

describe("templateCsv", () => {
  it("is a CSV our own import reads back and maps the same way", async () => {
    const headers = templateHeaders(attributes);
    const row = headers.map((h) => (h === "Email" ? "a@example.com" : "")).join(",");
    const table = await parseCsv(
      (async function* () {
        yield templateCsv(attributes) + row + "\r\n";
      })(),
    );
    expect(templateCsv(attributes).startsWith('\uFEFF"Contact ID","First name",')).toBe(true);
    expect(table.headers).toEqual(headers.map((h) => (h === "=Score" ? "'=Score" : h)));
    expect(autoMap(table.headers, { attributes })).toEqual(autoMap(headers, { attributes }));
  });
});
