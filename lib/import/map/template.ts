import { SYSTEM_FIELDS } from "@/lib/contacts/fields";
import { matchHeader } from "./auto-map";
import { escapeCell } from "../read/error-csv";
import { IMPORTABLE_FIELDS, type ImportAttribute } from "./targets";

const IMPORTABLE = new Set<string>(IMPORTABLE_FIELDS.map((f) => f.id));
const LISTS = new Set(["phones", "emails", "tags"]);

/**
 * The template's columns: every importable system field, Phone, Email and Tags under their
 * registry labels and in registry order, then every custom attribute under its label. An
 * attribute whose label auto-mapping would read as something else (a system field's label, a
 * synonym, another attribute's label) is written "Label [key]", which maps back to it.
 */
export function templateHeaders(attributes: readonly ImportAttribute[]): string[] {
  const headers: string[] = SYSTEM_FIELDS.filter((f) => IMPORTABLE.has(f.id) || LISTS.has(f.id)).map((f) => f.label);
  for (const attribute of attributes) {
    const own = matchHeader(attribute.label, attributes)?.target === `attr:${attribute.key}`;
    headers.push(own ? attribute.label : `${attribute.label} [${attribute.key}]`);
  }
  return headers;
}

/** The template file: BOM (so Excel reads it as UTF-8) and the header row. */
export function templateCsv(attributes: readonly ImportAttribute[]): string {
  return "\uFEFF" + templateHeaders(attributes).map(escapeCell).join(",") + "\r\n";
}
