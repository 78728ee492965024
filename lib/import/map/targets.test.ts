import { describe, expect, it } from "vitest";
import { SYSTEM_FIELDS } from "@/lib/contacts/fields";
import { checkMapping, IMPORTABLE_FIELDS, importMappingSchema, isImportTarget, targetLabel, targetOptions, type ImportAttribute } from "./targets";

const attributes: ImportAttribute[] = [{ key: "plan", label: "Plan", type: "dropdown", options: ["Free", "Pro"] }];

describe("IMPORTABLE_FIELDS", () => {
  it("are the text, country and enum system fields except the source channel", () => {
    expect(IMPORTABLE_FIELDS.map((f) => f.id)).toEqual(
      SYSTEM_FIELDS.filter((f) => ["text", "country", "enum"].includes(f.type) && f.id !== "source").map((f) => f.id),
    );
    expect(IMPORTABLE_FIELDS.map((f) => f.id)).toEqual(expect.arrayContaining(["contactKey", "firstName", "country", "leadStage", "timeZone"]));
    expect(IMPORTABLE_FIELDS.map((f) => f.id)).not.toEqual(expect.arrayContaining(["createdAt"]));
  });
});

describe("isImportTarget and importMappingSchema", () => {
  it("accept fields, special targets, attributes and external systems only", () => {
    expect(["firstName", "fullName", "phone", "email", "tags", "ignore", "attr:plan", "ext:hubspot"].every(isImportTarget)).toBe(true);
    expect(["source", "createdAt", "attr:Bad Key", "ext:", "name", "phones"].some(isImportTarget)).toBe(false);
    expect(importMappingSchema.safeParse(["email", "attr:plan"]).success).toBe(true);
    expect(importMappingSchema.safeParse(["email", "createdAt"]).success).toBe(false);
  });
});

describe("checkMapping", () => {
  const headers = ["Email", "Phone", "Mobile", "First", "Given", "Plan"];

  it("accepts several columns for phone and a valid mapping", () => {
    expect(checkMapping(headers, ["email", "phone", "phone", "firstName", "ignore", "attr:plan"], attributes)).toEqual([]);
  });

  it("names columns that share a single-valued target, unknown attributes and a missing identifier", () => {
    expect(checkMapping(headers, ["ignore", "ignore", "ignore", "firstName", "firstName", "attr:tier"], attributes)).toEqual([
      'Columns "First" and "Given" are both mapped to First name; only Phone, Email and Tags can take several columns.',
      'Column "Plan" is mapped to the custom attribute "tier", which does not exist (any more).',
      "Map at least one column to Phone, Email or Contact ID: every contact needs one of them.",
    ]);
    expect(checkMapping(headers, ["email"], attributes)).toEqual(["The column mapping does not match the file's columns. Upload the file again."]);
  });
});

describe("targetOptions", () => {
  it("offers every importable field, every attribute, Tags, Phone, Email, Full name and Do not import", () => {
    const options = targetOptions(attributes);
    const values = options.map((o) => o.value);
    for (const field of IMPORTABLE_FIELDS) expect(values).toContain(field.id);
    expect(values).toEqual(expect.arrayContaining(["phone", "email", "tags", "fullName", "ignore", "attr:plan"]));
    expect(new Set(values).size).toBe(values.length);
    expect(options.find((o) => o.value === "attr:plan")).toEqual({ value: "attr:plan", label: "Plan", group: "Custom attributes" });
    expect(targetOptions(attributes, ["ext:hubspot"]).find((o) => o.value === "ext:hubspot")?.label).toBe("External ID (HubSpot)");
  });

  it("labels targets with the registry's labels", () => {
    expect([targetLabel("phone"), targetLabel("email"), targetLabel("tags"), targetLabel("leadStage"), targetLabel("attr:plan", attributes)]).toEqual([
      "Phone",
      "Email",
      "Tags",
      "Lead stage",
      "Plan",
    ]);
  });
});
