import type { NewContact } from "@/db/schema/contacts";
import { isCountryCode } from "@/lib/countries";
import { ValidationError } from "@/lib/errors";
import { attributeParser, type AttributeValue } from "@/lib/fields/attribute";
import { parseEmail } from "@/lib/fields/email";
import { parseExternalId } from "@/lib/fields/external-id";
import { presentValue, type Parsed } from "@/lib/fields/parsed";
import { systemFieldParser } from "@/lib/fields/system";
import type { DateOrder } from "@/lib/fields/typed-values";
import { normalizePhone } from "@/lib/phone";
import { systemField } from "@/lib/contacts/fields";
import { unescapeFormula } from "../read/formula-escape";
import type { CsvRow } from "../read/parse";
import { splitEmails, splitFullName, splitPhones, splitTags } from "./split";
import { checkMapping, type ImportableFieldId, type ImportAttribute, type ImportMapping } from "../map/targets";

export interface ImportOptions {
  /** ISO alpha-2 country for numbers without + (the workspace's by default). */
  defaultCountry: string;
  /** Settles dates like 05/03/2024 that the numbers leave open; without it they are rejected. */
  dateOrder?: DateOrder;
  /** Tags added to every imported contact (e.g. a campaign list). */
  tags?: readonly string[];
}

export type { AttributeValue };

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
  | { kind: "fullName" | "phone" | "email" | "tags" }
  | { kind: "value"; field: string; parse: (value: string) => Parsed<string> }
  | { kind: "attribute"; key: string; parse: (value: string) => Parsed<AttributeValue> }
  | { kind: "external"; system: string };

interface Column {
  index: number;
  header: string;
  step: Step;
}


const parseFirstName = systemFieldParser(systemField("firstName")!);
const parseLastName = systemFieldParser(systemField("lastName")!);

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
      step = { kind: "attribute", key: attribute.key, parse: attributeParser(attribute, { dateOrder: options.dateOrder }) };
    } else if (target.startsWith("ext:")) step = { kind: "external", system: target.slice(4) };
    else step = { kind: "value", field: target, parse: systemFieldParser(systemField(target)!) };
    columns.push({ index, header, step });
  });
  // The row's own country decides how its phone numbers are read, so it is read first.
  const isCountry = (c: Column) => c.step.kind === "value" && c.step.field === "country";
  columns.sort((a, b) => Number(isCountry(b)) - Number(isCountry(a)));
  const extraTags = options.tags ?? [];

  return (row) => {
    if (row.problem) return { ok: false, line: row.line, problems: [{ message: row.problem }] };
    const record: ImportRecord = { line: row.line, fields: {}, phones: [], emails: [], tags: [], attributes: {}, externalIds: [] };
    const fields = record.fields as Record<string, string>;
    let problems: RowProblem[] | undefined;
    const problem = (column: Column, message: string) => (problems ??= []).push({ column: column.index, header: column.header, message });
    let phoneCountry = defaultCountry;
    let fullName: { column: Column; value: string } | undefined;
    let identifierGiven = false;

    for (const column of columns) {
      const raw = row.values[column.index];
      if (raw === undefined) continue;
      let value = presentValue(raw) ?? "";
      // Our error CSV and export (and Excel users) escape formulas with a leading '; read the value back.
      if (value.charCodeAt(0) === 39) value = presentValue(unescapeFormula(value)) ?? "";
      if (value === "") continue;
      const step = column.step;
      switch (step.kind) {
        case "value": {
          if (step.field === "contactKey") identifierGiven = true;
          const parsed = step.parse(value);
          if (!parsed.ok) problem(column, parsed.message);
          else if (step.field === "contactKey") record.contactKey = parsed.value;
          else {
            fields[step.field] = parsed.value;
            // The row's own country decides how its phone numbers are read.
            if (step.field === "country") phoneCountry = parsed.value;
          }
          break;
        }
        case "attribute": {
          const parsed = step.parse(value);
          if (!parsed.ok) problem(column, parsed.message);
          else record.attributes[step.key] = parsed.value;
          break;
        }
        case "fullName":
          fullName = { column, value };
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
            const email = parseEmail(address);
            if (!email.ok) problem(column, email.message);
            else if (!record.emails.includes(email.value)) record.emails.push(email.value);
          }
          break;
        case "tags":
          addTags(record.tags, splitTags(value));
          break;
        case "external": {
          const parsed = parseExternalId(value);
          if (!parsed.ok) problem(column, parsed.message);
          else record.externalIds.push({ system: step.system, id: parsed.value });
          break;
        }
      }
    }

    if (fullName !== undefined && fields.firstName === undefined && fields.lastName === undefined) {
      const { firstName, lastName } = splitFullName(fullName.value);
      const first = firstName ? parseFirstName(firstName) : undefined;
      const last = lastName ? parseLastName(lastName) : undefined;
      if (first && !first.ok) problem(fullName.column, first.message);
      else if (first) fields.firstName = first.value;
      if (last && !last.ok) problem(fullName.column, last.message);
      else if (last) fields.lastName = last.value;
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
