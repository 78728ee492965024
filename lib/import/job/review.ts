// Raw postgres.js: the review keeps one reserved connection for its session's temp table of virtual contacts, and looks up identifiers as a batch does (plan/lookup.ts).
import { eq } from "drizzle-orm";
import type postgres from "postgres";
import { db, rawSql } from "@/db";
import { importJobs, type ImportJob } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { ConflictError, ValidationError } from "@/lib/errors";
import type { RejectedRow } from "../read/error-csv";
import { jobValidator, openJobCsv } from "./job-file";
import { validatedBatches } from "../validate/validated-batches";
import type { ImportSettings } from "../validate/job-options";
import { getImportJob, loadAttributes } from "./jobs";
import { identifiersOf, lookupIdentifiers } from "../plan/lookup";
import { countOutcomes, externalKey, planBatch, type ContactLabel, type Holder, type IdentifierLookup, type OutcomeCounts, type RowOutcomeKind } from "../plan/plan-batch";
import { importFileKey } from "./files";
import { ResultFile } from "./result-files";
import { checkMapping, targetLabel, type ImportAttribute, type ImportMapping, type ImportTarget } from "../map/targets";
import type { ImportRecord } from "../validate/validate-row";

const REVIEW_BATCH = 10_000;
const SAMPLE = 10;
const LISTED_REJECTED = 200;
const LISTED_WARNINGS = 100;

export interface ReviewColumn {
  target: ImportTarget;
  label: string;
}

export interface ImportReview {
  totalRows: number;
  counts: OutcomeCounts;
  /** The mapped targets, in the file's column order (Phone, Email and Tags once each). */
  columns: ReviewColumn[];
  /** The first valid rows as they will be stored. */
  sample: { line: number; outcome: RowOutcomeKind; values: string[] }[];
  /** The first rejected rows; all of them are in the error file. */
  rejected: { line: number; error: string }[];
  warnings: { line: number; warning: string }[];
  hasErrorFile: boolean;
}

/** Saves the mapper step's choices on a job that has not started (the mapping arrives from the browser: checked again here). */
export async function saveImportSettings(settings: ImportSettings, actor: Actor): Promise<void> {
  const { job } = await getImportJob(settings.jobId);
  if (job.status !== "pending") throw new ConflictError("This import has already started; its columns can no longer be changed.");
  if (settings.delimiter && settings.delimiter !== job.delimiter) {
    throw new ConflictError("The delimiter was changed after the columns were read. Choose the delimiter again.");
  }
  const attributes = await loadAttributes();
  const problems = checkMapping(job.headers ?? [], settings.mapping, attributes);
  if (problems.length) throw new ValidationError(problems[0]!, { mapping: problems });
  await db.transaction(async (tx) => {
    await tx.update(importJobs).set({ mapping: { columns: settings.mapping }, options: settings.options }).where(eq(importJobs.id, job.id));
    await recordAudit(tx, actor, { action: "import.configure", entityType: "import_job", entityId: job.id, after: { mapping: settings.mapping, options: settings.options } });
  });
}

/**
 * The review table's columns: each mapped target once, in file order. A full-name column shows as
 * the first and last name it is split into, unless those have columns of their own (which then win).
 */
function reviewColumns(mapping: ImportMapping, attributes: readonly ImportAttribute[]): ReviewColumn[] {
  const ownNames = mapping.includes("firstName") || mapping.includes("lastName");
  const targets = mapping.flatMap((t): ImportTarget[] => (t === "fullName" ? (ownNames ? [] : ["firstName", "lastName"]) : [t]));
  return [...new Set(targets)].filter((t) => t !== "ignore").map((target) => ({ target, label: targetLabel(target, attributes) }));
}

function cell(record: ImportRecord, target: ImportTarget): string {
  const fields = record.fields as Record<string, string | undefined>;
  if (target === "phone") return record.phones.join(", ");
  if (target === "email") return record.emails.join(", ");
  if (target === "tags") return record.tags.join(", ");
  if (target === "contactKey") return record.contactKey ?? "";
  if (target.startsWith("attr:")) {
    const v = record.attributes[target.slice(5)];
    return v === undefined ? "" : typeof v === "boolean" ? (v ? "Yes" : "No") : v;
  }
  if (target.startsWith("ext:")) return record.externalIds.filter((x) => x.system === target.slice(4)).map((x) => x.id).join(", ");
  return fields[target] ?? "";
}

/**
 * Contacts the review "created" or extended: identifiers go into a temporary table of its own
 * session, and later batches look there after the real tables, so the counts see in-file
 * duplicates across batches exactly as the job will — without writing a contact.
 */
class VirtualContacts {
  #next = -1;
  constructor(private readonly sql: postgres.ReservedSql) {}

  async start() {
    await this.sql`create temp table review_ids (kind "char" not null, value text not null, contact_id bigint not null, line int not null, primary key (kind, value))`;
  }

  async stop() {
    await this.sql`drop table if exists review_ids`;
  }

  /** Adds the virtual holders of identifiers the real lookup did not find. */
  async extend(lookup: IdentifierLookup, records: readonly ImportRecord[]) {
    const ids = identifiersOf(records);
    const missing = {
      k: ids.keys.filter((k) => !lookup.keys.has(k)),
      x: ids.systems.map((s, i) => externalKey(s, ids.externalIds[i]!)).filter((x) => !lookup.externalIds.has(x)),
      p: ids.phones.filter((p) => !lookup.phones.has(p)),
      e: ids.emails.filter((e) => !lookup.emails.has(e)),
    };
    const kinds = Object.entries(missing).flatMap(([k, values]) => values.map(() => k));
    const values = Object.values(missing).flat();
    if (values.length === 0) return;
    const rows = await this.sql<{ kind: "k" | "x" | "p" | "e"; value: string; contact_id: string; line: number }[]>`
      select r.kind, r.value, r.contact_id::text, r.line
      from unnest(${kinds}::"char"[], ${values}::text[]) u(kind, value) join review_ids r on r.kind = u.kind and r.value = u.value`;
    const keys = lookup.keys as Map<string, number>;
    const externalIds = lookup.externalIds as Map<string, number>;
    for (const row of rows) {
      const id = Number(row.contact_id);
      const holder: Holder = { kind: "contact", contactId: id };
      if (row.kind === "k") keys.set(row.value, id);
      else if (row.kind === "x") externalIds.set(row.value, id);
      else if (row.kind === "p") (lookup.phones as Map<string, Holder>).set(row.value, holder);
      else (lookup.emails as Map<string, Holder>).set(row.value, holder);
      if (id < 0) {
        (lookup.touched as Set<number>).add(id);
        (lookup.labels as Map<number, ContactLabel>).set(id, { contactKey: null, name: `the contact from line ${row.line}` });
      }
    }
    const unnamed = [...new Set(rows.map((r) => Number(r.contact_id)))].filter((id) => id > 0 && !lookup.labels.has(id));
    if (unnamed.length) {
      const found = await this.sql<{ id: string; contact_key: string; full_name: string | null }[]>`
        select id::text, contact_key, full_name from contacts where id = any(${unnamed.map(String)}::bigint[])`;
      for (const c of found) (lookup.labels as Map<number, ContactLabel>).set(Number(c.id), { contactKey: c.contact_key, name: c.full_name });
    }
  }

  /** Records what a batch would write: the identifiers of new contacts and those added to existing ones. */
  async record(plan: ReturnType<typeof planBatch>) {
    const kinds: string[] = [];
    const values: string[] = [];
    const ids: string[] = [];
    const lines: number[] = [];
    for (const c of plan.contacts) {
      const id = c.contactId ?? this.#next--;
      const push = (kind: string, value: string) => {
        kinds.push(kind);
        values.push(value);
        ids.push(String(id));
        lines.push(c.lines[0]!);
      };
      if (c.contactId === null && c.contactKey) push("k", c.contactKey);
      for (const x of c.externalIds) push("x", externalKey(x.system, x.id));
      for (const p of c.phones) push("p", p);
      for (const e of c.emails) push("e", e);
    }
    if (kinds.length === 0) return;
    await this.sql`
      insert into review_ids (kind, value, contact_id, line)
      select * from unnest(${kinds}::"char"[], ${values}::text[], ${ids}::bigint[], ${lines}::int[])
      on conflict do nothing`;
  }
}

/**
 * The Review step: the whole file validated with the saved mapping and options, and every valid row
 * run through the merge rules against the database (read only), batch by batch, in flat memory.
 * Writes every rejected row to the review's error file and records the exact row count on the job.
 */
export async function reviewImport(jobId: string, options: { batchSize?: number } = {}): Promise<ImportReview> {
  const { job } = await getImportJob(jobId);
  if (job.status !== "pending") throw new ConflictError("This import has already started.");
  const attributes = await loadAttributes();
  const { validate, options: jobOptions } = jobValidator(job, attributes);
  const mapping = (job.mapping as { columns: ImportMapping }).columns;
  const columns = reviewColumns(mapping, attributes);

  const review: ImportReview = {
    totalRows: 0,
    counts: { created: 0, merged: 0, skipped: 0, failed: 0, warnings: 0 },
    columns,
    sample: [],
    rejected: [],
    warnings: [],
    hasErrorFile: false,
  };
  const delimiter = (job.delimiter ?? ",") as "," | ";" | "\t";
  const errorFile = ResultFile.errors(importFileKey(job.id, "review-errors"), job.headers ?? [], delimiter);
  await errorFile.reopen(0);

  const sql = await rawSql().reserve();
  const virtual = new VirtualContacts(sql);
  try {
    await virtual.start();
    const csv = await openJobCsv(job as ImportJob);
    for await (const batch of validatedBatches(csv.rows, validate, { batchSize: options.batchSize ?? REVIEW_BATCH })) {
      review.totalRows += batch.size;
      const lookup = await lookupIdentifiers(sql, identifiersOf(batch.records));
      await virtual.extend(lookup, batch.records);
      const plan = planBatch(batch.records, lookup, jobOptions.existing);
      await virtual.record(plan);
      countOutcomes(plan.rows, review.counts);
      review.counts.failed += batch.rejected.length;

      const rejected: RejectedRow[] = [...batch.rejected];
      const outcomes = new Map(plan.rows.map((r) => [r.line, r]));
      for (const row of plan.rows) {
        if (row.outcome === "failed") rejected.push({ line: row.line, values: batch.values.get(row.line)!, error: row.message ?? "" });
        for (const warning of row.warnings) if (review.warnings.length < LISTED_WARNINGS) review.warnings.push({ line: row.line, warning });
      }
      rejected.sort((a, b) => a.line - b.line);
      await errorFile.append(rejected);
      for (const r of rejected.slice(0, LISTED_REJECTED - review.rejected.length)) review.rejected.push({ line: r.line, error: r.error });
      for (const record of batch.records) {
        if (review.sample.length >= SAMPLE) break;
        review.sample.push({ line: record.line, outcome: outcomes.get(record.line)!.outcome, values: columns.map((c) => cell(record, c.target)) });
      }
    }
  } finally {
    await virtual.stop().catch(() => {});
    sql.release();
  }
  review.hasErrorFile = review.counts.failed > 0;
  await db.update(importJobs).set({ totalRows: review.totalRows }).where(eq(importJobs.id, job.id));
  return review;
}
