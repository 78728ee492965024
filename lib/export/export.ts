import { asc } from "drizzle-orm";
import { db, type Database } from "@/db";
import { attributeDefinitions } from "@/db/schema";
import { recordAudit, userActor } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { resolveSelection, selectionSchema, type ParsedSelection, type SelectionCriteria } from "@/lib/bulk/selection";
import { loadListContext } from "@/lib/contacts/table-preferences";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";
import { exportColumns } from "./columns";
import { exportCsv, type ExportPlan } from "./csv";

/**
 * What GET /api/contacts/export reads from its URL, which is the list's own URL state:
 * `segment` (all, mine, leads, blocked, archived, or a saved segment's id), `f` (the filter as
 * JSON), `q` (the quick search), or `ids` (comma-separated, for ticked rows); `cols`
 * (comma-separated column ids, default: the user's visible columns) or `all=1` (every field);
 * `bom=1` for Excel.
 */
export interface ExportRequest {
  selection: ParsedSelection;
  columns: string[] | "all" | undefined;
  bom: boolean;
}

const list = (raw: string | null) => (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean);

/** Reads the export's URL. Unlike the list, a malformed filter is an error: exporting the wrong set would be worse. */
export function parseExportRequest(params: URLSearchParams): ExportRequest {
  let filter: unknown;
  const f = params.get("f");
  if (f) {
    try {
      filter = JSON.parse(f);
    } catch {
      throw new ValidationError("The filter in the link is not valid.", { f: ["Not valid JSON."] });
    }
  }
  const ids = list(params.get("ids"));
  const raw = ids.length
    ? { ids }
    : { all: { segment: params.get("segment") ?? undefined, filter, search: params.get("q") ?? undefined } };
  const parsed = selectionSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("The export link is not valid.", fieldErrorsOf(parsed.error));
  const cols = list(params.get("cols"));
  return {
    selection: parsed.data,
    columns: params.get("all") === "1" ? "all" : cols.length ? cols : undefined,
    bom: params.get("bom") === "1",
  };
}

export interface PreparedExport {
  plan: ExportPlan;
  criteria: SelectionCriteria;
  columnIds: string[];
}

/** Checks the request against the workspace (columns, filter fields, segment) before any byte is sent. */
export async function prepareExport(request: ExportRequest, user: CurrentUser, exec: Database = db): Promise<PreparedExport> {
  if (!can(user.role, "contacts.export")) throw new ForbiddenError("Only supervisors and admins can export contacts.");
  const attributes = await exec
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
  const selection = await resolveSelection(request.selection, user, exec);
  return { plan: { where: selection.where, columns }, criteria: selection.criteria, columnIds: columns.map((c) => c.id) };
}

/**
 * The export as a byte stream that reads the database only as fast as the client downloads
 * (pull-based), and records one audit entry when it ends — with the number of rows sent, and
 * whether the download finished or was cut off.
 */
export function exportStream(prepared: PreparedExport, user: CurrentUser, options: { bom?: boolean; chunkSize?: number; db?: Database } = {}): ReadableStream<Uint8Array> {
  const exec = options.db ?? db;
  let rows = 0;
  const csv = exportCsv(exec, prepared.plan, { bom: options.bom, chunkSize: options.chunkSize, onRows: (n) => (rows = n) });
  const encoder = new TextEncoder();
  let audited = false;
  const audit = async (completed: boolean) => {
    if (audited) return;
    audited = true;
    await recordAudit(exec, userActor(user), {
      action: "contacts.export",
      entityType: "contacts",
      after: { criteria: prepared.criteria, columns: prepared.columnIds, rows, completed },
    }).catch((error) => console.error("Could not record the export in the audit log", error));
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await csv.next();
        if (next.done) {
          await audit(true);
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        console.error("Export failed", error);
        await audit(false);
        controller.error(error);
      }
    },
    async cancel() {
      await csv.return(0);
      await audit(false);
    },
  });
}

export const exportFileName = (now = new Date()) => `contacts-${now.toISOString().slice(0, 10)}.csv`;
