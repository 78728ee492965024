import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { autoMap, matchHeader } from "./auto-map";
import { previewCsv } from "../read/parse";
import type { ImportAttribute, ImportTarget } from "./targets";

const sample = (name: string) => previewCsv(readFileSync(path.resolve(import.meta.dirname, "../../../e2e/files", name)));

/** The non-ignored part of a mapping, header → target, for readable expectations. */
function mapped(headers: readonly string[], mapping: readonly ImportTarget[]): Record<string, ImportTarget> {
  return Object.fromEntries(headers.map((h, i) => [h, mapping[i]!]).filter(([, t]) => t !== "ignore"));
}

const attributes: ImportAttribute[] = [
  { key: "plan", label: "Plan", type: "dropdown", options: ["Free", "Pro"] },
  { key: "renewal_date", label: "Renewal date", type: "date", options: [] },
  { key: "company_size", label: "Company", type: "number", options: [] },
];

describe("matchHeader", () => {
  it("ignores case, spacing and punctuation", () => {
    for (const header of ["First Name", "first_name", "FIRSTNAME", " first-name ", "First name:"]) {
      expect([header, matchHeader(header)?.target]).toEqual([header, "firstName"]);
    }
    expect(matchHeader("E-Mail")?.target).toBe("email");
    expect(matchHeader("e_mail_address")?.target).toBe("email");
  });

  it("knows common synonyms", () => {
    const cases: Record<string, ImportTarget> = {
      Mail: "email",
      Mobile: "phone",
      Cell: "phone",
      Tel: "phone",
      Telephone: "phone",
      Organisation: "company",
      Surname: "lastName",
      Forename: "firstName",
      Zip: "postalCode",
      Postcode: "postalCode",
      State: "region",
      Province: "region",
      Labels: "tags",
      Tags: "tags",
      "Full name": "fullName",
      Name: "fullName",
      "Contact ID": "contactKey",
      Vorname: "firstName",
      "Prénom": "firstName",
      Nom: "lastName",
    };
    for (const [header, target] of Object.entries(cases)) expect([header, matchHeader(header)?.target]).toEqual([header, target]);
    expect(matchHeader("Favourite colour")).toBeUndefined();
  });

  it("matches custom attributes by key and label, above synonyms but below our own field labels", () => {
    expect(matchHeader("plan", attributes)?.target).toBe("attr:plan");
    expect(matchHeader("Renewal Date", attributes)?.target).toBe("attr:renewal_date");
    expect(matchHeader("renewal_date", attributes)?.target).toBe("attr:renewal_date");
    expect(matchHeader("Company", attributes)?.target).toBe("company");
    expect(matchHeader("Company [company_size]", attributes)?.target).toBe("attr:company_size");
  });
});

describe("autoMap", () => {
  it("gives each single-valued target to the best column only, and lets phone, email and tags take several", () => {
    const headers = ["Title", "Job Title", "Mobile", "Home Phone", "Email", "Email 2", "Company", "Company Name", "Notes"];
    expect(autoMap(headers)).toEqual(["ignore", "jobTitle", "phone", "phone", "email", "email", "company", "ignore", "ignore"]);
  });

  it("prefers the column with values when two are equally good", () => {
    const headers = ["Home City", "Business City"];
    expect(autoMap(headers)).toEqual(["ignore", "city"]);
    const sampleRows = [{ values: ["Leeds", ""] }, { values: ["York", ""] }];
    expect(autoMap(["City 1", "City"], {})).toEqual(["ignore", "city"]);
    expect(autoMap(["Address 2 - City", "Address 3 - City"], { sampleRows: [{ values: ["", "Leeds"] }] })).toEqual([
      "ignore",
      "city",
    ]);
    expect(autoMap(headers, { sampleRows })).toEqual(["ignore", "city"]);
  });

  it("maps a real Google Contacts export", () => {
    const { headers, sampleRows } = sample("google-contacts.csv");
    expect(headers[0]).toBe("Name");
    expect(mapped(headers, autoMap(headers, { sampleRows }))).toEqual({
      Name: "fullName",
      "Given Name": "firstName",
      "Additional Name": "middleName",
      "Family Name": "lastName",
      Language: "language",
      "Group Membership": "tags",
      "E-mail 1 - Value": "email",
      "E-mail 2 - Value": "email",
      "Phone 1 - Value": "phone",
      "Phone 2 - Value": "phone",
      "Address 1 - Street": "street",
      "Address 1 - City": "city",
      "Address 1 - Region": "region",
      "Address 1 - Postal Code": "postalCode",
      "Address 1 - Country": "country",
      "Organization 1 - Name": "company",
      "Organization 1 - Title": "jobTitle",
      "Website 1 - Value": "website",
    });
  });

  it("maps the newer Google Contacts header row too", () => {
    const headers = "First Name,Middle Name,Last Name,Phonetic First Name,Name Prefix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country".split(",");
    expect(mapped(headers, autoMap(headers))).toEqual({
      "First Name": "firstName",
      "Middle Name": "middleName",
      "Last Name": "lastName",
      "Organization Name": "company",
      "Organization Title": "jobTitle",
      Labels: "tags",
      "E-mail 1 - Value": "email",
      "Phone 1 - Value": "phone",
      "Address 1 - Street": "street",
      "Address 1 - City": "city",
      "Address 1 - Region": "region",
      "Address 1 - Postal Code": "postalCode",
      "Address 1 - Country": "country",
    });
  });

  it("maps a real Outlook export", () => {
    const { headers, sampleRows } = sample("outlook-contacts.csv");
    expect(mapped(headers, autoMap(headers, { sampleRows }))).toEqual({
      "First Name": "firstName",
      "Middle Name": "middleName",
      "Last Name": "lastName",
      Company: "company",
      "Job Title": "jobTitle",
      "Business Street": "street",
      "Business City": "city",
      "Business State": "region",
      "Business Postal Code": "postalCode",
      "Business Country/Region": "country",
      "Business Phone": "phone",
      "Business Phone 2": "phone",
      "Car Phone": "phone",
      "Company Main Phone": "phone",
      "Home Phone": "phone",
      "Home Phone 2": "phone",
      "Mobile Phone": "phone",
      "Other Phone": "phone",
      "Primary Phone": "phone",
      Categories: "tags",
      "E-mail Address": "email",
      "E-mail 2 Address": "email",
      "E-mail 3 Address": "email",
      Language: "language",
      "Web Page": "website",
    });
  });

  it("maps a real HubSpot export, keeping the Record ID as a HubSpot external ID", () => {
    const { headers, sampleRows } = sample("hubspot-contacts.csv");
    expect(mapped(headers, autoMap(headers, { sampleRows }))).toEqual({
      "Record ID": "ext:hubspot",
      "First Name": "firstName",
      "Last Name": "lastName",
      Email: "email",
      "Phone Number": "phone",
      "Mobile Phone Number": "phone",
      "Company Name": "company",
      "Job Title": "jobTitle",
      "Lifecycle Stage": "leadStage",
      "Street Address": "street",
      City: "city",
      "State/Region": "region",
      "Postal Code": "postalCode",
      "Country/Region": "country",
      "Website URL": "website",
      Industry: "industry",
    });
  });

  it("leaves the columns of our own error file unmapped on re-upload", () => {
    expect(autoMap(["Email", "line", "error"])).toEqual(["email", "ignore", "ignore"]);
  });
});
