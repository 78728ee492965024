import type { ExistingContactMode } from "../validate/job-options";
import type { AttributeValue, ImportRecord } from "../validate/validate-row";

/**
 * The import's merge rules (SPEC §6.6) as a pure function of one batch of valid rows and of who
 * holds their identifiers in the database. The job writes exactly this plan, and the review counts
 * it, so both always agree.
 *
 * - Rows of the batch that share a phone, e-mail, Contact ID or external ID become one group; rows of
 *   earlier batches are already contacts in the database, so they are found like any other.
 * - A group merges into the contact holding one of its identifiers, in this order: Contact ID,
 *   external ID, phone, e-mail (the explicit IDs name the record outright; then SPEC's phone before
 *   e-mail). Within a kind, the first row and the first value win.
 * - An identifier held by another contact stays there and the row gets a warning: two existing
 *   contacts are never merged by an import. One held by a user (staff) is not added either.
 * - Single-valued fields: the file's non-empty values win, the later row over the earlier one;
 *   phones, e-mails, tags, external IDs: union; custom attributes: the file's value.
 */

export type Holder = { kind: "contact"; contactId: number } | { kind: "user" };

export interface ContactLabel {
  contactKey: string | null;
  name: string | null;
}

export interface IdentifierLookup {
  keys: ReadonlyMap<string, number>;
  /** `${system}:${id}` → contact (a system name has no colon) */
  externalIds: ReadonlyMap<string, number>;
  phones: ReadonlyMap<string, Holder>;
  emails: ReadonlyMap<string, Holder>;
  /** Names of the contacts above, for messages. */
  labels: ReadonlyMap<number, ContactLabel>;
  /** Contacts this import created or merged in an earlier batch: a match with one is an in-file duplicate. */
  touched: ReadonlySet<number>;
}

export const externalKey = (system: string, id: string) => `${system}:${id}`;

export interface PlannedContact {
  /** The existing contact, or null for a new one. */
  contactId: number | null;
  /** A new contact's Contact ID when the file gives one. */
  contactKey?: string;
  fields: Record<string, string>;
  /** Identifiers to add: held by nobody yet. */
  phones: string[];
  emails: string[];
  externalIds: { system: string; id: string }[];
  tags: string[];
  attributes: Record<string, AttributeValue>;
  lines: number[];
}

export type RowOutcomeKind = "created" | "merged" | "skipped" | "failed";

export interface RowOutcome {
  line: number;
  outcome: RowOutcomeKind;
  /** Why a row failed or was skipped. */
  message?: string;
  warnings: string[];
}

export interface BatchPlan {
  contacts: PlannedContact[];
  /** One per record, in line order. */
  rows: RowOutcome[];
}

class UnionFind {
  parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number) {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function groupsOf(records: readonly ImportRecord[]): ImportRecord[][] {
  const uf = new UnionFind(records.length);
  const first = new Map<string, number>();
  const link = (key: string, i: number) => {
    const j = first.get(key);
    if (j === undefined) first.set(key, i);
    else uf.union(i, j);
  };
  records.forEach((r, i) => {
    if (r.contactKey) link(`k:${r.contactKey}`, i);
    for (const x of r.externalIds) link(`x:${externalKey(x.system, x.id)}`, i);
    for (const p of r.phones) link(`p:${p}`, i);
    for (const e of r.emails) link(`e:${e}`, i);
  });
  const groups = new Map<number, ImportRecord[]>();
  records.forEach((r, i) => {
    const root = uf.find(i);
    const group = groups.get(root);
    if (group) group.push(r);
    else groups.set(root, [r]);
  });
  return [...groups.values()];
}

type MatchKind = "Contact ID" | "external ID" | "phone" | "e-mail";

function findTarget(group: readonly ImportRecord[], lookup: IdentifierLookup): { contactId: number; by: MatchKind; value: string } | null {
  for (const r of group) if (r.contactKey && lookup.keys.has(r.contactKey)) return { contactId: lookup.keys.get(r.contactKey)!, by: "Contact ID", value: r.contactKey };
  for (const r of group) {
    for (const x of r.externalIds) {
      const id = lookup.externalIds.get(externalKey(x.system, x.id));
      if (id !== undefined) return { contactId: id, by: "external ID", value: `${x.system} ${x.id}` };
    }
  }
  for (const r of group) {
    for (const p of r.phones) {
      const h = lookup.phones.get(p);
      if (h?.kind === "contact") return { contactId: h.contactId, by: "phone", value: p };
    }
  }
  for (const r of group) {
    for (const e of r.emails) {
      const h = lookup.emails.get(e);
      if (h?.kind === "contact") return { contactId: h.contactId, by: "e-mail", value: e };
    }
  }
  return null;
}

function describe(lookup: IdentifierLookup, contactId: number): string {
  const label = lookup.labels.get(contactId);
  if (!label) return `contact #${contactId}`;
  if (label.name && label.contactKey) return `${label.name} (${label.contactKey})`;
  return label.name ?? label.contactKey ?? `contact #${contactId}`;
}

function addTag(tags: string[], tag: string) {
  const lower = tag.toLowerCase();
  if (!tags.some((t) => t.toLowerCase() === lower)) tags.push(tag);
}

/** Folds the rows of one contact into what gets written, with a warning for every identifier left where it is. */
function fold(contact: PlannedContact, rows: readonly ImportRecord[], lookup: IdentifierLookup, warnings: Map<number, string[]>) {
  const into = contact.contactId === null ? "the new contact" : describe(lookup, contact.contactId);
  const warn = (line: number, message: string) => {
    const list = warnings.get(line);
    if (list) list.push(message);
    else warnings.set(line, [message]);
  };
  const targetKey = contact.contactId === null ? undefined : lookup.labels.get(contact.contactId)?.contactKey;
  for (const r of rows) {
    contact.lines.push(r.line);
    Object.assign(contact.fields, r.fields);
    for (const tag of r.tags) addTag(contact.tags, tag);
    Object.assign(contact.attributes, r.attributes);
    if (r.contactKey) {
      if (contact.contactId === null) {
        if (contact.contactKey === undefined) contact.contactKey = r.contactKey;
        else if (contact.contactKey !== r.contactKey) {
          warn(r.line, `Contact ID ${r.contactKey} was not used: the row shares an identifier with the row of Contact ID ${contact.contactKey} and became the same contact.`);
        }
      } else if (r.contactKey !== targetKey) {
        warn(r.line, `Contact ID ${r.contactKey} was not used: the row was merged into ${into}, and a Contact ID never changes.`);
      }
    }
    for (const x of r.externalIds) {
      const holder = lookup.externalIds.get(externalKey(x.system, x.id));
      if (holder === undefined) {
        if (!contact.externalIds.some((y) => y.system === x.system && y.id === x.id)) contact.externalIds.push(x);
      } else if (holder !== contact.contactId) {
        warn(r.line, `External ID ${x.system} ${x.id} stays on ${describe(lookup, holder)}; the row was merged into ${into}.`);
      }
    }
    for (const [kind, values, map, list] of [
      ["Phone", r.phones, lookup.phones, contact.phones],
      ["E-mail", r.emails, lookup.emails, contact.emails],
    ] as const) {
      for (const value of values) {
        const holder = map.get(value);
        if (!holder) {
          if (!list.includes(value)) list.push(value);
        } else if (holder.kind === "user") {
          warn(r.line, `${kind} ${value} belongs to a user of Switchboard, so it was not added.`);
        } else if (holder.contactId !== contact.contactId) {
          warn(r.line, `${kind} ${value} stays on ${describe(lookup, holder.contactId)}; the row was merged into ${into}. Merge the two contacts yourself if they are the same person.`);
        }
      }
    }
  }
}

export function planBatch(records: readonly ImportRecord[], lookup: IdentifierLookup, mode: ExistingContactMode): BatchPlan {
  const outcomes = new Map<number, RowOutcome>();
  const warnings = new Map<number, string[]>();
  const byTarget = new Map<number, PlannedContact>();
  const created: PlannedContact[] = [];
  const skip = (r: ImportRecord, message: string) => outcomes.set(r.line, { line: r.line, outcome: "skipped", message, warnings: [] });

  for (const group of groupsOf(records)) {
    const target = findTarget(group, lookup);
    if (target) {
      const known = lookup.touched.has(target.contactId);
      if (mode === "createOnly" || (mode === "skip" && !known)) {
        const who = known ? `a contact this import already created (${describe(lookup, target.contactId)})` : describe(lookup, target.contactId);
        for (const r of group) skip(r, `Matches ${who} by ${target.by} ${target.value}.`);
        continue;
      }
      let contact = byTarget.get(target.contactId);
      if (!contact) {
        contact = { contactId: target.contactId, fields: {}, phones: [], emails: [], externalIds: [], tags: [], attributes: {}, lines: [] };
        byTarget.set(target.contactId, contact);
      }
      fold(contact, group, lookup, warnings);
      for (const r of group) outcomes.set(r.line, { line: r.line, outcome: "merged", warnings: [] });
      continue;
    }
    const rows = mode === "createOnly" ? group.slice(0, 1) : group;
    if (mode === "createOnly") {
      for (const r of group.slice(1)) skip(r, `Shares a phone, e-mail or ID with line ${group[0]!.line}, which creates the contact.`);
    }
    const contact: PlannedContact = { contactId: null, fields: {}, phones: [], emails: [], externalIds: [], tags: [], attributes: {}, lines: [] };
    fold(contact, rows, lookup, warnings);
    if (contact.phones.length === 0 && contact.emails.length === 0 && contact.contactKey === undefined) {
      for (const r of rows) {
        const why = (warnings.get(r.line) ?? []).join(" ");
        warnings.delete(r.line);
        outcomes.set(r.line, { line: r.line, outcome: "failed", message: `${why} The row has no other phone, e-mail or Contact ID.`.trim(), warnings: [] });
      }
      continue;
    }
    created.push(contact);
    rows.forEach((r, i) => outcomes.set(r.line, { line: r.line, outcome: i === 0 ? "created" : "merged", warnings: [] }));
  }

  const rows = records.map((r) => {
    const outcome = outcomes.get(r.line)!;
    outcome.warnings = warnings.get(r.line) ?? [];
    return outcome;
  });
  return { contacts: [...created, ...byTarget.values()], rows };
}

export interface OutcomeCounts {
  created: number;
  merged: number;
  skipped: number;
  failed: number;
  warnings: number;
}

export function countOutcomes(rows: readonly RowOutcome[], into: OutcomeCounts = { created: 0, merged: 0, skipped: 0, failed: 0, warnings: 0 }): OutcomeCounts {
  for (const r of rows) {
    into[r.outcome] += 1;
    if (r.warnings.length) into.warnings += 1;
  }
  return into;
}
