import { asc } from "drizzle-orm";
import { db } from "@/db";
import { readDb } from "@/db/replica";
import { attributeDefinitions } from "@/db/schema";
import { recordAudit, recordAuditEnd, userActor } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { resolveSelection, selectionSchema, type ParsedSelection, type SelectionCriteria } from "@/lib/bulk/selection";
import { listColumns } from "@/lib/contacts/columns";
import { parseListParams } from "@/lib/contacts/list-params";
import { listOrder } from "@/lib/contacts/list-sql";
import { loadListContext } from "@/lib/contacts/table-preferences";
import { BadRequestError, ForbiddenError, ValidationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";
import { exportColumns } from "./columns";
import { exportCsv, type ExportPlan } from "./csv";

/**
 * What GET /api/contacts/export reads from its URL, which is the list's own URL state:
 * `segment` (all, mine, leads, blocked, archived, or a saved segment's id), `f` (the filter as
 * JSON), `q` (the quick search), or `ids` (comma-separated, for ticked rows); `cols`
 * (comma-separated column ids, default: the user's visible columns) or `all=1` (every field);
 * `sort` (the list's, `name.asc`; default: last interaction, newest first) orders the rows as the
 * list does; `bom=1` for Excel.
 */
export interface ExportRequest {
  selection: ParsedSelection;
  columns: string[] | "all" | undefined;
  /** As in the URL, checked against the sortable columns by prepareExport. */
  sort: string | undefined;
  bom: boolean;
}

const list = (raw: string | null) => (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean);

/**
 * Reads the export's URL. Unlike the list, which falls back to its defaults, whatever the list would
 * leave out (a malformed filter, a search with control characters) is a 400: exporting another set
 * than the one asked for would be worse.
 */
export function parseExportRequest(params: URLSearchParams): ExportRequest {
  let filter: unknown;
  const f = params.get("f");
  if (f) {
    try {
      filter = JSON.parse(f);
    } catch {
      throw new BadRequestError("The filter in the link is not valid.", { f: ["Not valid JSON."] });
    }
  }
  const ids = list(params.get("ids"));
  const raw = ids.length
    ? { ids }
    : { all: { segment: params.get("segment") ?? undefined, filter, search: params.get("q") ?? undefined } };
  const parsed = selectionSchema.safeParse(raw);
  if (!parsed.success) {
    const custom = parsed.error.issues.find((i) => i.code === "custom");
    throw new BadRequestError(custom?.message ?? "The export link is not valid.", fieldErrorsOf(parsed.error));
  }
  const cols = list(params.get("cols"));
  return {
    selection: parsed.data,
    columns: params.get("all") === "1" ? "all" : cols.length ? cols : undefined,
    sort: params.get("sort") || undefined,
    bom: params.get("bom") === "1",
  };
}

export interface PreparedExport {
  plan: ExportPlan;
  criteria: SelectionCriteria;
  columnIds: string[];
}

/** Checks the request against the workspace (columns, filter fields, segment) before any byte is sent. */
export async function prepareExport(request: ExportRequest, user: CurrentUser): Promise<PreparedExport> {
  if (!can(user.role, "contacts.export")) throw new ForbiddenError("Only supervisors and admins can export contacts.");
  const attributes = await db
    .select({
      id: attributeDefinitions.id,
      key: attributeDefinitions.key,
      label: attributeDefinitions.label,
      type: attributeDefinitions.type,
      options: attributeDefinitions.options,
    })
    .from(attributeDefinitions)
    .orderBy(asc(attributeDefinitions.position), asc(attributeDefinitions.id));
  const ids = request.columns ?? (await loadListContext(user.id)).visible;
  const columns = exportColumns(ids, attributes);
  const listed = listColumns(attributes);
  // The list's own parser; what it would drop (an unknown column) is a bad link here.
  const sort = parseListParams({ sort: request.sort }, new Set(listed.filter((c) => c.sortable).map((c) => c.id))).sort;
  if (request.sort && !sort) throw new BadRequestError("The sort in the link is not valid.", { sort: [`Unknown sort “${request.sort}”.`] });
  const selection = await resolveSelection(request.selection, user).catch((error: unknown) => {
    // A filter the compiler refuses (an unknown field, an impossible date) is a bad link, like a malformed one.
    throw error instanceof ValidationError ? new BadRequestError(error.message, error.fieldErrors) : error;
  });
  return {
    plan: { where: selection.where, columns, order: listOrder(sort, listed) },
    criteria: selection.criteria,
    columnIds: columns.map((c) => c.id),
  };
}

/**
 * The export as a byte stream that reads the database only as fast as the client downloads
 * (pull-based). Before any byte of data is produced, its audit entry is written in a statement of
 * its own: if that fails, this rejects and nothing is sent. The first chunk is then read before
 * the stream is handed out, so a query that fails answers an error instead of a header-only file.
 * When the stream ends a second entry (contacts.export.end) records the number of rows sent, and
 * whether the download finished or was cut off.
 */
export async function exportStream(
  prepared: PreparedExport,
  user: CurrentUser,
  options: { bom?: boolean; chunkSize?: number } = {},
): Promise<ReadableStream<Uint8Array>> {
  const entry = { criteria: prepared.criteria, columns: prepared.columnIds };
  const actor = userActor(user);
  const auditId = await recordAudit(db, actor, { action: "contacts.export", entityType: "contacts", after: entry });
  let rows = 0;
  // The rows may come from the read replica (db/replica.ts); the audit entries are written on the primary.
  const csv = exportCsv(await readDb({ user: user.id }), prepared.plan, { bom: options.bom, chunkSize: options.chunkSize, onRows: (n) => (rows = n) });
  let completed = false;
  const complete = async (finished: boolean) => {
    if (completed) return;
    completed = true;
    await recordAuditEnd(db, actor, { id: auditId, action: "contacts.export" }, { rows, completed: finished }).catch((error) => console.error("Could not complete the export's audit entry", error));
  };
  // The header row (no query), then the first chunk of rows (the first query), before answering.
  const ahead: string[] = [];
  let done = false;
  try {
    for (let i = 0; i < 2 && !done; i++) {
      const next = await csv.next();
      if (next.done) done = true;
      else ahead.push(next.value);
    }
  } catch (error) {
    await complete(false);
    throw error;
  }
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = ahead.length ? { done: false as const, value: ahead.shift()! } : done ? { done: true as const } : await csv.next();
        if (next.done) {
          await complete(true);
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        console.error("Export failed", error);
        await complete(false);
        controller.error(error);
      }
    },
    async cancel() {
      await csv.return(0);
      await complete(false);
    },
  });
}

export const exportFileName = (now = new Date()) => `contacts-${now.toISOString().slice(0, 10)}.csv`;
