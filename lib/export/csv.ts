import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { escapeCell } from "@/lib/import/read/error-csv";
import type { ExportColumn } from "./columns";

/** Rows per query: the export reads the database a chunk at a time, so memory stays flat for any size. */
export const EXPORT_CHUNK_SIZE = 5_000;
const BOM = "\uFEFF";
const EOL = "\r\n";

export interface ExportPlan {
  /** Which contacts: a predicate over the alias `c` (lib/bulk resolveSelection). */
  where: SQL;
  columns: readonly ExportColumn[];
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark, which Excel needs to read the file as UTF-8. */
  bom?: boolean;
  chunkSize?: number;
  /** Told the number of rows written so far after each chunk (for the audit entry). */
  onRows?: (rows: number) => void;
}

/** A row as the query returns it: the keyset cursor and one text cell per column. */
type Row = Record<string, string | null>;

/** The query of one chunk: the next `size` matching contacts after `after`, by id (keyset, never OFFSET). */
export function chunkQuery(plan: ExportPlan, after: number, size: number): SQL {
  const cells = sql.join(
    plan.columns.map((column, i) => sql`${column.expr} as ${sql.raw(`c${i}`)}`),
    sql`, `,
  );
  return sql`select c.id::text as cursor, ${cells} from contacts c where (${plan.where}) and c.id > ${after} order by c.id limit ${size}`;
}

/**
 * The CSV, as text chunks: first the header row (after a BOM when asked for), then one chunk per
 * query of `chunkSize` rows, read only when the consumer asks for it (a stream's pull). Every cell
 * is quoted and neutralised against formula injection by escapeCell — the rule the import's error
 * file uses, which the import reads back — so an exported file imports back unchanged. Rows are in
 * id order (the keyset), line breaks are CRLF.
 */
export async function* exportCsv(exec: Executor, plan: ExportPlan, options: CsvOptions = {}): AsyncGenerator<string, number> {
  const size = options.chunkSize ?? EXPORT_CHUNK_SIZE;
  const width = plan.columns.length;
  const keys = plan.columns.map((_, i) => `c${i}`);
  const formats = plan.columns.map((c) => c.format);
  yield (options.bom ? BOM : "") + plan.columns.map((c) => escapeCell(c.header)).join(",") + EOL;
  let after = 0;
  let rows = 0;
  for (;;) {
    const chunk = await exec.execute<Row>(chunkQuery(plan, after, size));
    if (chunk.length === 0) break;
    let text = "";
    for (const row of chunk) {
      for (let i = 0; i < width; i++) {
        const raw = row[keys[i]!];
        const format = formats[i];
        text += (i ? "," : "") + escapeCell(raw == null ? "" : format ? format(raw) : raw);
      }
      text += EOL;
    }
    rows += chunk.length;
    options.onRows?.(rows);
    yield text;
    if (chunk.length < size) break;
    after = Number(chunk[chunk.length - 1]!.cursor);
  }
  return rows;
}
