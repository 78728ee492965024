import { db } from "@/db";
import { recordAudit, userActor } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/session";
import { escapeCell } from "@/lib/import/read/error-csv";
import { auditValuesQuery, type AuditSelection } from "./query";
import type { AuditFilters } from "./params";

/** Entries per query: the file is read a chunk at a time (keyset, like the viewer), so memory stays flat. */
export const AUDIT_CSV_CHUNK = 2_000;
const EOL = "\r\n";
const HEADER = ["Entry", "When (UTC)", "Actor", "Actor user id", "Action", "Entity type", "Entity id", "Before", "After"];

/**
 * The filtered entries as CSV text chunks, newest first: the header, then one chunk per query. Every
 * cell goes through the contact export's escapeCell (quoted, formula-neutralised); before and after
 * are their JSON.
 */
export async function* auditCsv(selection: AuditSelection, chunkSize = AUDIT_CSV_CHUNK): AsyncGenerator<string> {
  yield "\uFEFF" + HEADER.map(escapeCell).join(",") + EOL;
  let before: number | null = null;
  for (;;) {
    const rows = await auditValuesQuery(selection, before, chunkSize);
    const page = rows.slice(0, chunkSize);
    if (page.length === 0) return;
    yield page
      .map((e) =>
        [String(e.id), e.createdAt.toISOString(), e.actorLabel, e.actorId == null ? "" : String(e.actorId), e.action, e.entityType, e.entityId ?? "", json(e.before), json(e.after)]
          .map(escapeCell)
          .join(",") + EOL,
      )
      .join("");
    if (rows.length <= chunkSize) return;
    before = page[page.length - 1]!.id;
  }
}

const json = (value: unknown) => (value == null ? "" : JSON.stringify(value));

/** The export as a byte stream pulled as fast as the client reads; recorded (who exported what) before the first byte. */
export async function auditCsvStream(selection: AuditSelection, filters: AuditFilters, user: CurrentUser): Promise<ReadableStream<Uint8Array>> {
  await recordAudit(db, userActor(user), { action: "audit.export", entityType: "audit_log", after: { filters } });
  const chunks = auditCsv(selection);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
