/**
 * An audit entry's before and after, field by field, for the viewer. Nested objects become dotted
 * fields (contact.firstName); a list becomes one field, one line per item (an item's own row id left
 * out: it says nothing to a reader and differs between copies of the same value).
 */
export interface FieldRow {
  field: string;
  /** undefined: the field is not there on that side. */
  before?: string;
  after?: string;
  changed: boolean;
}

function item(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "object") return String(value);
  if (Array.isArray(value)) return value.map(item).join("\n");
  const rest = Object.entries(value as Record<string, unknown>).filter(([k]) => k !== "id");
  if (rest.length === 1) return item(rest[0]![1]);
  return rest.map(([k, v]) => `${k}: ${item(v)}`).join(", ");
}

/** Every leaf of a JSON value by its dotted path; a bare value is the field "value". */
export function flatten(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, "");
    for (const [key, v] of entries) flatten(v, prefix ? `${prefix}.${key}` : key, out);
    return out;
  }
  if (value === undefined || (value === null && !prefix)) return out;
  out.set(prefix || "value", item(value));
  return out;
}

/** The union of both sides' fields, in the order they first appear, each marked changed or not. */
export function fieldRows(before: unknown, after: unknown): FieldRow[] {
  const b = flatten(before);
  const a = flatten(after);
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  return fields.map((field) => ({ field, before: b.get(field), after: a.get(field), changed: b.get(field) !== a.get(field) }));
}

export interface MergeSnapshot {
  id: number | null;
  primary: boolean;
  rows: FieldRow[];
}

export interface MergeView {
  /** Every merged contact as it was, the primary first. */
  snapshots: MergeSnapshot[];
  /** The primary before against the contact the merge produced. */
  result: FieldRow[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * A merge's entry (lib/contacts/merge.ts): before { primaryId, contacts: [snapshots] },
 * after { contact, mergedContactIds }. Null when the entry does not have that shape.
 */
export function mergeView(before: unknown, after: unknown): MergeView | null {
  if (!isRecord(before) || !Array.isArray(before.contacts) || !isRecord(after)) return null;
  const idOf = (s: unknown) => (isRecord(s) && isRecord(s.contact) && typeof s.contact.id === "number" ? s.contact.id : null);
  const snapshots = before.contacts
    .map((s) => ({ id: idOf(s), primary: idOf(s) === before.primaryId, rows: fieldRows(s, null).map((r) => ({ ...r, changed: false })) }))
    .sort((x, y) => Number(y.primary) - Number(x.primary));
  const primary = before.contacts.find((s) => idOf(s) === before.primaryId) ?? null;
  return { snapshots, result: fieldRows(primary, after.contact) };
}
