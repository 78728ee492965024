import type { NewContact } from "@/db/schema/contacts";
import { emailSchema, normalizeEmail } from "@/lib/email";
import { ValidationError } from "@/lib/errors";
import { normalizePhone } from "@/lib/phone";
import { CONTACT_KEY_PATTERN } from "@/lib/contacts/contact-key";
import { systemField, type SystemField } from "@/lib/contacts/fields";
import { isCountryCode, parseCountry } from "./countries";
import { enumParser, parseLanguage, parseTimeZone } from "./field-values";
import { unescapeFormula } from "./formula-escape";
import type { CsvRow } from "./parse";
import { splitEmails, splitFullName, splitPhones, splitTags } from "./split";
import { checkMapping, type ImportableFieldId, type ImportAttribute, type ImportMapping } from "./targets";
import { dropdownParser, parseBoolean, parseDate, parseNumber, type DateOrder, type Parsed } from "./values";

export interface ImportOptions {
  /** ISO alpha-2 country for numbers without + (the workspace's by default). */
  defaultCountry: string;
  /** Settles dates like 05/03/2024 that the numbers leave open; without it they are rejected. */
  dateOrder?: DateOrder;
  /** Tags added to every imported contact (e.g. a campaign list). */
  tags?: readonly string[];
}

/** Numbers are canonical decimal strings and dates YYYY-MM-DD, as numeric and date columns take them. */
export type AttributeValue = string | boolean;

/** A row as it will be stored: only non-empty values, every one normalised and valid. */
export interface ImportRecord {
  line: number;
  contactKey?: string;
  /** Typed as the contacts insert, so enum values arrive as the enum types. */
  fields: Partial<Pick<NewContact, Exclude<ImportableFieldId, "contactKey">>>;
  /** E.164, without duplicates. */
  phones: string[];
  /** Normalised (trimmed, lower-case), without duplicates. */
  emails: string[];
  /** Without duplicates (case-insensitive), first spelling kept; includes the options' tags. */
  tags: string[];
  attributes: Record<string, AttributeValue>;
  externalIds: { system: string; id: string }[];
}

export interface RowProblem {
  /** 0-based column of the file, absent for a problem of the whole row. */
  column?: number;
  header?: string;
  message: string;
}

export type RowResult = { ok: true; record: ImportRecord } | { ok: false; line: number; problems: RowProblem[] };

type Step =
  | { kind: "key" | "fullName" | "phone" | "email" | "tags" }
  | { kind: "text"; field: string }
  | { kind: "value"; field: string; parse: (value: string) => Parsed<string> }
  | { kind: "country" }
  | { kind: "attribute"; key: string; parse: (value: string) => Parsed<AttributeValue> }
  | { kind: "external"; system: string };

interface Column {
  index: number;
  header: string;
  step: Step;
}

function fieldStep(field: SystemField): Step {
  if (field.id === "contactKey") return { kind: "key" };
  if (field.id === "country") return { kind: "country" };
  if (field.type === "country") return { kind: "value", field: field.id, parse: countryValue };
  if (field.type === "enum") return { kind: "value", field: field.id, parse: enumParser(field) };
  if (field.id === "language") return { kind: "value", field: field.id, parse: parseLanguage };
  if (field.id === "timeZone") return { kind: "value", field: field.id, parse: parseTimeZone };
  return { kind: "text", field: field.id };
}

function countryValue(value: string): Parsed<string> {
  const code = parseCountry(value);
  return code
    ? { ok: true, value: code }
    : { ok: false, message: `"${value}" is not a country (use a name like Germany or a code like DE).` };
}

function attributeParser(attribute: ImportAttribute, options: ImportOptions): (value: string) => Parsed<AttributeValue> {
  switch (attribute.type) {
    case "number":
      return parseNumber;
    case "date":
      return (value) => parseDate(value, options.dateOrder);
    case "boolean":
      return parseBoolean;
    case "dropdown":
      return dropdownParser(attribute.options);
    default:
      return (value) => ({ ok: true, value });
  }
}

/**
 * Compiles a mapping once into a function that checks and normalises one row; the import runs it
 * for every row of the file, so everything that depends only on the mapping is decided here.
 * Throws ValidationError when the mapping or the options cannot be used.
 */
export function compileRowValidator(
  headers: readonly string[],
  mapping: ImportMapping,
  attributes: readonly ImportAttribute[],
  options: ImportOptions,
): (row: CsvRow) => RowResult {
  const problems = checkMapping(headers, mapping, attributes);
  if (problems.length) throw new ValidationError(problems[0]!, { mapping: problems });
  const defaultCountry = options.defaultCountry.toUpperCase();
  if (!isCountryCode(defaultCountry)) throw new ValidationError(`"${options.defaultCountry}" is not a country code.`);

  const columns: Column[] = [];
  mapping.forEach((target, index) => {
    const header = headers[index]!;
    let step: Step | undefined;
    if (target === "ignore") return;
    if (target === "fullName" || target === "phone" || target === "email" || target === "tags") step = { kind: target };
    else if (target.startsWith("attr:")) {
      const attribute = attributes.find((a) => a.key === target.slice(5))!;
      step = { kind: "attribute", key: attribute.key, parse: attributeParser(attribute, options) };
    } else if (target.startsWith("ext:")) step = { kind: "external", system: target.slice(4) };
    else step = fieldStep(systemField(target)!);
    columns.push({ index, header, step });
  });
  // The row's own country decides how its phone numbers are read, so it is read first.
  columns.sort((a, b) => Number(b.step.kind === "country") - Number(a.step.kind === "country"));
  const extraTags = options.tags ?? [];

  return (row) => {
    if (row.problem) return { ok: false, line: row.line, problems: [{ message: row.problem }] };
    const record: ImportRecord = { line: row.line, fields: {}, phones: [], emails: [], tags: [], attributes: {}, externalIds: [] };
    const fields = record.fields as Record<string, string>;
    let problems: RowProblem[] | undefined;
    const problem = (column: Column, message: string) => (problems ??= []).push({ column: column.index, header: column.header, message });
    let phoneCountry = defaultCountry;
    let fullName: string | undefined;
    let identifierGiven = false;

    for (const column of columns) {
      const raw = row.values[column.index];
      if (raw === undefined) continue;
      let value = raw.trim();
      // Our error CSV and export (and Excel users) escape formulas with a leading '; read the value back.
      if (value.charCodeAt(0) === 39) value = unescapeFormula(value).trim();
      if (value === "") continue;
      const step = column.step;
      switch (step.kind) {
        case "key":
          identifierGiven = true;
          // The same rule as the create form, so an imported Contact ID is one a person could type.
          if (!CONTACT_KEY_PATTERN.test(value)) {
            problem(column, `"${value}" is not a valid Contact ID: use up to 64 letters, digits and . _ - : / # @ +, starting with a letter or digit, no spaces.`);
          } else record.contactKey = value;
          break;
        case "text":
          fields[step.field] = value;
          break;
        case "value": {
          const parsed = step.parse(value);
          if (!parsed.ok) problem(column, parsed.message);
          else fields[step.field] = parsed.value;
          break;
        }
        case "attribute": {
          const parsed = step.parse(value);
          if (!parsed.ok) problem(column, parsed.message);
          else record.attributes[step.key] = parsed.value;
          break;
        }
        case "country": {
          const parsed = countryValue(value);
          if (!parsed.ok) problem(column, parsed.message);
          else {
            fields.country = parsed.value;
            phoneCountry = parsed.value;
          }
          break;
        }
        case "fullName":
          fullName = value;
          break;
        case "phone":
          identifierGiven = true;
          for (const number of splitPhones(value)) {
            const phone = normalizePhone(number, phoneCountry);
            if (!phone.ok) problem(column, phone.message);
            else if (!record.phones.includes(phone.e164)) record.phones.push(phone.e164);
          }
          break;
        case "email":
          identifierGiven = true;
          for (const address of splitEmails(value)) {
            if (!emailSchema.safeParse(address).success) problem(column, `"${address}" is not a valid e-mail address.`);
            else {
              const email = normalizeEmail(address);
              if (!record.emails.includes(email)) record.emails.push(email);
            }
          }
          break;
        case "tags":
          addTags(record.tags, splitTags(value));
          break;
        case "external":
          record.externalIds.push({ system: step.system, id: value });
          break;
      }
    }

    if (fullName !== undefined && fields.firstName === undefined && fields.lastName === undefined) {
      const { firstName, lastName } = splitFullName(fullName);
      if (firstName) fields.firstName = firstName;
      if (lastName) fields.lastName = lastName;
    }
    if (!identifierGiven) (problems ??= []).push({ message: "No phone, e-mail or Contact ID: every contact needs at least one." });
    if (problems) return { ok: false, line: row.line, problems };
    addTags(record.tags, extraTags);
    return { ok: true, record };
  };
}

function addTags(tags: string[], more: readonly string[]) {
  for (const tag of more) {
    const lower = tag.toLowerCase();
    if (!tags.some((t) => t.toLowerCase() === lower)) tags.push(tag);
  }
}

/** One line for the error column and the review table: "Email: "x" is not a valid e-mail address." */
export function describeProblems(problems: readonly RowProblem[]): string {
  return problems.map((p) => (p.header ? `${p.header}: ${p.message}` : p.message)).join(" ");
}
