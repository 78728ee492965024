import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import type { ImportAttribute, ImportTarget } from "../map/targets";
import { compileRowValidator, describeProblems, type ImportOptions } from "./validate-row";

const attributes: ImportAttribute[] = [
  { key: "plan", label: "Plan", type: "dropdown", options: ["Free", "Pro"] },
  { key: "seats", label: "Seats", type: "number", options: [] },
  { key: "renewal", label: "Renewal", type: "date", options: [] },
  { key: "vip", label: "VIP", type: "boolean", options: [] },
  { key: "note", label: "Note", type: "text", options: [] },
];

/** A validator for the given header → target pairs; rows are given as header → value. */
function validator(columns: Record<string, ImportTarget>, options: Partial<ImportOptions> = {}) {
  const headers = Object.keys(columns);
  const validate = compileRowValidator(headers, Object.values(columns), attributes, { defaultCountry: "US", ...options });
  return (values: Record<string, string>, line = 2, problem?: string) =>
    validate({ line, values: headers.map((h) => values[h] ?? ""), problem });
}

describe("compileRowValidator", () => {
  it("normalises a complete row", () => {
    const validate = validator(
      {
        "Contact ID": "contactKey",
        Name: "fullName",
        Phone: "phone",
        Mobile: "phone",
        Email: "email",
        "Email 2": "email",
        Country: "country",
        Stage: "leadStage",
        Subscribed: "subscription",
        Language: "language",
        "Time zone": "timeZone",
        Groups: "tags",
        Labels: "tags",
        Plan: "attr:plan",
        Seats: "attr:seats",
        Renewal: "attr:renewal",
        VIP: "attr:vip",
        Note: "attr:note",
        "Record ID": "ext:hubspot",
        Company: "company",
      },
      { tags: ["Spring campaign", "vip"] },
    );
    const result = validate({
      "Contact ID": " C-0001 ",
      Name: "Ada Lovelace",
      Phone: "030 12345678",
      Mobile: "+49 30 1234-5678",
      Email: " Ada@Example.COM ",
      "Email 2": "ada@example.com ::: ada@work.example",
      Country: "Germany",
      Stage: "Marketing Qualified Lead",
      Subscribed: "yes",
      Language: "German",
      "Time zone": "europe/berlin",
      Groups: "* myContacts ::: VIP",
      Labels: "Customers; vip",
      Plan: "pro",
      Seats: "1.234,5",
      Renewal: "2025-01-31",
      VIP: "Y",
      Note: "  likes tea ",
      "Record ID": "51",
      Company: "'=Analytical Engines",
    });
    expect(result).toEqual({
      ok: true,
      record: {
        line: 2,
        contactKey: "C-0001",
        fields: {
          firstName: "Ada",
          lastName: "Lovelace",
          country: "DE",
          leadStage: "lead",
          subscription: "subscribed",
          language: "de",
          timeZone: "Europe/Berlin",
          company: "=Analytical Engines",
        },
        phones: ["+493012345678"],
        emails: ["ada@example.com", "ada@work.example"],
        tags: ["VIP", "Customers", "Spring campaign"],
        attributes: { plan: "Pro", seats: "1234.5", renewal: "2025-01-31", vip: true, note: "likes tea" },
        externalIds: [{ system: "hubspot", id: "51" }],
      },
    });
  });

  it("reads numbers without + in the row's own country, else the default country", () => {
    const validate = validator({ Phone: "phone", Country: "country" }, { defaultCountry: "gb" });
    expect(validate({ Phone: "030 12345678", Country: "DE" })).toMatchObject({ ok: true, record: { phones: ["+493012345678"] } });
    expect(validate({ Phone: "020 7946 0321" })).toMatchObject({ ok: true, record: { phones: ["+442079460321"] } });
    expect(validate({ Phone: "'+1 212 555 0147" })).toMatchObject({ ok: true, record: { phones: ["+12125550147"] } });
    expect(validate({ Phone: "020 7946 0321", Country: "Narnia" })).toEqual({
      ok: false,
      line: 2,
      problems: [{ column: 1, header: "Country", message: '"Narnia" is not a country (use a name like Germany or a code like DE).' }],
    });
  });

  it("uses the full name only when first and last name are empty", () => {
    const validate = validator({ Name: "fullName", First: "firstName", Last: "lastName", Email: "email" });
    expect(validate({ Name: "Ada Lovelace", First: "Augusta", Email: "a@example.com" })).toMatchObject({
      record: { fields: { firstName: "Augusta" } },
    });
    expect(validate({ Name: "Lovelace, Ada", Email: "a@example.com" })).toMatchObject({
      record: { fields: { firstName: "Ada", lastName: "Lovelace" } },
    });
  });

  it("rejects a row with every reason and the column it comes from", () => {
    const validate = validator({ Email: "email", Phone: "phone", Plan: "attr:plan", Seats: "attr:seats", Renewal: "attr:renewal", VIP: "attr:vip", Stage: "leadStage" });
    const result = validate(
      { Email: "ada@", Phone: "555-0100", Plan: "Enterprise", Seats: "ten", Renewal: "05/03/2025", VIP: "perhaps", Stage: "Hot" },
      7,
    );
    expect(result).toEqual({
      ok: false,
      line: 7,
      problems: [
        { column: 0, header: "Email", message: '"ada@" is not a valid e-mail address.' },
        { column: 1, header: "Phone", message: '"555-0100" is not a valid phone number for US. Add the country code with a +.' },
        { column: 2, header: "Plan", message: '"Enterprise" is not one of the options ("Free", "Pro").' },
        { column: 3, header: "Seats", message: '"ten" is not a number (write it like 42 or 3.5).' },
        { column: 4, header: "Renewal", message: expect.stringMatching(/^"05\/03\/2025" is ambiguous/) },
        { column: 5, header: "VIP", message: '"perhaps" is not yes or no (use yes/no, true/false or 1/0).' },
        { column: 6, header: "Stage", message: '"Hot" is not a lead stage (use Lead, Contact, Opportunity, Customer).' },
      ],
    });
    expect(validator({ Renewal: "attr:renewal", Email: "email" }, { dateOrder: "dmy" })({ Renewal: "05/03/2025", Email: "a@example.com" })).toMatchObject({
      record: { attributes: { renewal: "2025-03-05" } },
    });
  });

  it("refuses what the profile refuses, with the value module's message on the row: too long, control characters, a second line", () => {
    const validate = validator({ Email: "email", Company: "company", City: "city", Note: "attr:note", Name: "fullName" });
    const result = validate({ Email: "a@example.com", Company: "c".repeat(201), City: "New\tYork", Note: "bell\u0007", Name: "Ada Love\u0000lace" }, 3);
    expect(!result.ok && describeProblems(result.problems)).toBe(
      [
        "Company: Use at most 200 characters (this has 201).",
        "City: Write this value on one line: this field takes no line breaks or tabs.",
        "Note: This value contains an invisible control character (U+0007): remove it and try again.",
        "Name: This value contains an invisible control character (U+0000): remove it and try again.",
      ].join(" "),
    );
  });

  it("rejects a row with no phone, e-mail or Contact ID, and reports an invalid one as invalid rather than missing", () => {
    const validate = validator({ First: "firstName", Email: "email", Phone: "phone" });
    expect(validate({ First: "Ada" })).toEqual({
      ok: false,
      line: 2,
      problems: [{ message: "No phone, e-mail or Contact ID: every contact needs at least one." }],
    });
    expect(validate({ First: "Ada", Email: "nope" })).toMatchObject({ ok: false, problems: [{ header: "Email" }] });
  });

  it("collapses duplicate phones and e-mails within a row", () => {
    const validate = validator({ Phone: "phone", Mobile: "phone", Email: "email", Work: "email" });
    expect(validate({ Phone: "(212) 555-0147", Mobile: "+1 212 555 0147 ::: 212.555.0147", Email: "A@x.example", Work: "a@X.example" })).toMatchObject({
      ok: true,
      record: { phones: ["+12125550147"], emails: ["a@x.example"] },
    });
  });

  it("passes on the parser's reason for a malformed record", () => {
    expect(validator({ Email: "email" })({ Email: "a@example.com" }, 4, "A quoted value is malformed.")).toEqual({
      ok: false,
      line: 4,
      problems: [{ message: "A quoted value is malformed." }],
    });
  });

  it("refuses a mapping or options it cannot use", () => {
    expect(() => compileRowValidator(["First"], ["firstName"], [], { defaultCountry: "US" })).toThrow(ValidationError);
    expect(() => compileRowValidator(["Email"], ["email"], [], { defaultCountry: "Mars" })).toThrow(/not a country code/);
    expect(() => compileRowValidator(["Email", "Plan"], ["email", "attr:gone"], [], { defaultCountry: "US" })).toThrow(/does not exist/);
  });
});

describe("describeProblems", () => {
  it("joins the reasons with their columns into one line", () => {
    expect(describeProblems([{ column: 0, header: "Email", message: '"x" is not a valid e-mail address.' }, { message: "No phone." }])).toBe(
      'Email: "x" is not a valid e-mail address. No phone.',
    );
  });
});
