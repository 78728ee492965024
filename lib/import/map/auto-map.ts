import { systemField } from "@/lib/contacts/fields";
import { HEADER_SYNONYMS, patternTarget } from "./header-synonyms";
import { normalizeKey } from "@/lib/fields/normalize-key";
import { IMPORTABLE_FIELDS, MULTI_TARGETS, type ImportAttribute, type ImportTarget } from "./targets";

interface Candidate {
  target: ImportTarget;
  weight: number;
}

/**
 * Weights: a header that names a target outright wins over one that merely suggests it. The
 * workspace's own custom attributes rank above generic synonyms (an admin who created "Mobile"
 * as an attribute means that attribute), but below our own field labels.
 */
const WEIGHT = { templateKey: 100, label: 90, attribute: 80 } as const;

let fixed: Map<string, Candidate> | undefined;

/** Field labels and synonyms, normalised once: the highest weight per header wins. */
function fixedTable(): Map<string, Candidate> {
  if (fixed) return fixed;
  fixed = new Map();
  const add = (header: string, target: ImportTarget, weight: number) => {
    const key = normalizeKey(header);
    const existing = fixed!.get(key);
    if (!existing || existing.weight < weight) fixed!.set(key, { target, weight });
  };
  for (const field of IMPORTABLE_FIELDS) add(field.label, field.id, WEIGHT.label);
  add(systemField("name")!.label, "fullName", WEIGHT.label);
  add(systemField("phones")!.label, "phone", WEIGHT.label);
  add(systemField("emails")!.label, "email", WEIGHT.label);
  add(systemField("tags")!.label, "tags", WEIGHT.label);
  add("Full name", "fullName", WEIGHT.label);
  for (const [target, weight, headers] of HEADER_SYNONYMS) for (const header of headers) add(header, target, weight);
  return fixed;
}

/** The template writes an attribute whose label is taken as "Label [key]"; this reads it back. */
const TEMPLATE_KEY = /\[([a-z][a-z0-9_]{0,62})\]\s*$/;

/** The best target for one header on its own, or undefined when nothing matches. */
export function matchHeader(header: string, attributes: readonly ImportAttribute[] = []): Candidate | undefined {
  const bracket = TEMPLATE_KEY.exec(header);
  if (bracket && attributes.some((a) => a.key === bracket[1])) return { target: `attr:${bracket[1]}`, weight: WEIGHT.templateKey };
  const key = normalizeKey(header);
  if (!key) return undefined;
  const known = fixedTable().get(key);
  if (known && known.weight >= WEIGHT.label) return known;
  const attribute = attributes.find((a) => normalizeKey(a.key) === key || normalizeKey(a.label) === key);
  if (attribute) return { target: `attr:${attribute.key}`, weight: WEIGHT.attribute };
  return known ?? patternTarget(key);
}

export interface AutoMapOptions {
  attributes?: readonly ImportAttribute[];
  /** The preview's sample rows: between equally good columns, the one with more values wins. */
  sampleRows?: readonly { values: readonly string[] }[];
}

/**
 * A target for every header (aligned with `headers`): "ignore" where nothing matches, or where a
 * better column already took a target that accepts only one column (all but phone, email, tags).
 */
export function autoMap(headers: readonly string[], options: AutoMapOptions = {}): ImportTarget[] {
  const attributes = options.attributes ?? [];
  const filled = headers.map((_, i) => (options.sampleRows ?? []).filter((r) => (r.values[i] ?? "").trim() !== "").length);
  const candidates = headers
    .map((header, column) => ({ column, ...(matchHeader(header, attributes) ?? { target: "ignore" as const, weight: 0 }) }))
    .sort((a, b) => b.weight - a.weight || filled[b.column]! - filled[a.column]! || a.column - b.column);
  const mapping: ImportTarget[] = headers.map(() => "ignore");
  const taken = new Set<ImportTarget>();
  for (const { column, target } of candidates) {
    if (taken.has(target) && !MULTI_TARGETS.has(target)) continue;
    taken.add(target);
    mapping[column] = target;
  }
  return mapping;
}

