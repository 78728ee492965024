import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { autoMap } from "../map/auto-map";
import { errorCsv } from "../read/error-csv";
import { previewCsv, readCsvFile } from "../read/parse";
import { compileRowValidator, describeProblems, type ImportRecord, type RowResult } from "./validate-row";

const file = (name: string) => path.resolve(import.meta.dirname, "../../../e2e/files", name);

/** The whole pure pipeline on a sample export: stream, decode, parse, auto-map, validate. */
async function importFile(name: string) {
  const preview = previewCsv(readFileSync(file(name)));
  const csv = await readCsvFile(createReadStream(file(name), { highWaterMark: 256 }));
  const mapping = autoMap(csv.headers, { sampleRows: preview.sampleRows });
  const validate = compileRowValidator(csv.headers, mapping, [], { defaultCountry: "US" });
  const results: RowResult[] = [];
  const values = new Map<number, string[]>();
  for await (const row of csv.rows) {
    values.set(row.line, row.values);
    results.push(validate(row));
  }
  const records = results.flatMap((r) => (r.ok ? [r.record] : []));
  const rejected = results.flatMap((r) => (r.ok ? [] : [{ line: r.line, error: describeProblems(r.problems), values: values.get(r.line)! }]));
  const byName = (first: string) => records.find((r) => r.fields.firstName === first);
  return { preview, csv, encoding: csv.encoding, records, rejected, byName };
}

describe("e2e/files/google-contacts.csv", () => {
  it("imports a Google Contacts export with a BOM, multi-line cells and ::: lists", async () => {
    const out = await importFile("google-contacts.csv");
    expect([out.encoding, out.csv.delimiter, out.preview.totalRowsEstimate]).toEqual(["utf-8", ",", 6]);
    expect(out.records.map((r) => r.line)).toEqual([2, 6, 7, 9, 10]);
    expect(out.byName("Ada")).toMatchObject<Partial<ImportRecord>>({
      phones: ["+14155550132"],
      emails: ["ada.lovelace@example.com"],
      tags: ["VIP"],
      fields: { lastName: "Lovelace", company: "Analytical Engines Ltd", jobTitle: "Mathematician", city: "London", country: "GB" },
    });
    expect(out.byName("Grace")).toMatchObject({
      phones: ["+12125550147", "+16465550110"],
      emails: ["grace.hopper@example.com", "g.hopper@example.org"],
      tags: ["Customers", "VIP"],
      fields: { middleName: "Brewster", region: "NY", country: "US" },
    });
    expect(out.byName("Alan")).toMatchObject({ fields: { lastName: "Turing", country: "GB" }, phones: ["+442079460321"], tags: ["starred"] });
    expect(out.byName("Jürgen")).toMatchObject({
      fields: { lastName: "Müller", company: "Müller & Söhne GmbH", street: "Hauptstraße 5" },
      phones: ["+493012345678"],
      emails: ["juergen.mueller@example.de"],
    });
  });

  it("has two rows sharing a phone and one rejected row, whose error CSV names line and reason", async () => {
    const out = await importFile("google-contacts.csv");
    expect(out.records.filter((r) => r.phones.includes("+14155550132")).map((r) => r.fields.firstName)).toEqual(["Ada", "Augusta Ada"]);
    expect(out.rejected.map((r) => [r.line, r.error])).toEqual([[8, 'E-mail 1 - Value: "charles.babbage@" is not a valid e-mail address.']]);
    const csv = errorCsv(out.csv.headers, out.rejected);
    expect(csv.split("\r\n")[1]).toMatch(/^"8","E-mail 1 - Value: ""charles.babbage@"" is not a valid e-mail address.","Charles Babbage","Charles",/);
  });
});

describe("e2e/files/outlook-contacts.csv", () => {
  it("imports a Windows-1252 Outlook export with semicolons, reading numbers in each row's country", async () => {
    const out = await importFile("outlook-contacts.csv");
    expect([out.encoding, out.csv.delimiter, out.csv.headers.length]).toEqual(["windows-1252", ";", 92]);
    expect(out.records.map((r) => [r.line, r.fields.firstName])).toEqual([[2, "Max"], [3, "Zoë"], [5, "François"], [7, "Lukas"]]);
    expect(out.byName("Max")).toMatchObject({
      fields: { lastName: "Mustermann", company: "Muster GmbH", jobTitle: "Geschäftsführer", street: "Hauptstraße 1", country: "DE", website: "www.muster.example" },
      phones: ["+493012345678", "+4915123456789"],
      tags: ["Kunden", "Berlin"],
    });
    expect(out.byName("Zoë")).toMatchObject({ fields: { lastName: "Weiß", company: "Café Größe & Co. KG" }, phones: ["+49891234567"] });
    expect(out.byName("François")).toMatchObject({ fields: { country: "FR", language: "fr" }, phones: ["+33142685300"] });
    expect(out.byName("Lukas")).toMatchObject({
      fields: { country: "AT" },
      phones: ["+4315123456", "+436641234567"],
      emails: ["lukas.gruber@example.at", "l.gruber@example.com"],
      tags: ["Kunden", "Österreich"],
    });
    expect(out.rejected.map((r) => [r.line, r.error])).toEqual([
      [6, 'Mobile Phone: "12345" is not a valid phone number for DE. Add the country code with a +.'],
    ]);
  });
});

describe("e2e/files/hubspot-contacts.csv", () => {
  it("imports a HubSpot export with lifecycle stages and record IDs", async () => {
    const out = await importFile("hubspot-contacts.csv");
    expect([out.encoding, out.csv.delimiter]).toEqual(["utf-8", ","]);
    expect(out.records.map((r) => [r.fields.firstName, r.fields.leadStage, r.externalIds[0]?.id])).toEqual([
      ["Maria", "customer", "51"],
      ["Wei", "lead", "52"],
      ["Olivia", "contact", "53"],
      ["Liam", "lead", "55"],
      ["Emma", "customer", "56"],
    ]);
    expect(out.byName("Maria")).toMatchObject({
      fields: { company: "Acme, Inc.", street: "1 Beacon St", region: "Massachusetts", postalCode: "02108", country: "US", industry: "COMPUTER_SOFTWARE" },
      phones: ["+16175550161"],
      externalIds: [{ system: "hubspot", id: "51" }],
    });
    expect(out.byName("Olivia")).toMatchObject({ emails: ["olivia.smith@example.com"], phones: ["+442079460321"], fields: { country: "GB" } });
    expect(out.byName("Emma")).toMatchObject({ phones: ["+12125550198", "+16465550123"], fields: { country: "US" } });
    expect(out.rejected.map((r) => [r.line, r.error])).toEqual([
      [5, 'Email: "noah.brown@example" is not a valid e-mail address. Phone Number: "555-0100" is not a valid phone number for US. Add the country code with a +.'],
    ]);
  });
});
