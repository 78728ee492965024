import { sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db";
import { escapeCell } from "@/lib/import/read/error-csv";
import type { ListOrder } from "@/lib/contacts/list-sql";
import type { ExportColumn } from "./columns";

/** Rows per query: the export reads the database a chunk at a time, so memory stays flat for any size. */
export const EXPORT_CHUNK_SIZE = 5_000;
const BOM = "\uFEFF";
const EOL = "\r\n";

export interface ExportPlan {
  /** Which contacts: a predicate over the alias `c` (lib/bulk resolveSelection). */
  where: SQL;
  columns: readonly ExportColumn[];
  /** The list's order (lib/contacts/list-sql listOrder); without it, by id. */
  order?: ListOrder;
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

/**
 * Where the previous chunk ended. In the list's order, the contacts with a sort value come first
 * (after the last value and id read), then those without one, by id (the list's `nulls last`).
 */
export type ExportCursor =
  | { phase: "valued"; last?: { value: string; id: number } }
  | { phase: "nulls"; lastId?: number };

/** The query of one chunk: the next `size` matching contacts after the cursor (keyset, never OFFSET). */
export function chunkQuery(plan: ExportPlan, after: ExportCursor, size: number): SQL {
  const cells = sql.join(
    plan.columns.map((column, i) => sql`${column.expr} as ${sql.raw(`c${i}`)}`),
    sql`, `,
  );
  const order = plan.order;
  if (!order) {
    const last = after.phase === "nulls" ? (after.lastId ?? 0) : 0;
    return sql`select c.id::text as cursor, null as sort_value, ${cells} from contacts c where (${plan.where}) and c.id > ${last} order by c.id limit ${size}`;
  }
  const dir = sql.raw(order.desc ? "desc" : "asc");
  const past = sql.raw(order.desc ? "<" : ">");
  if (after.phase === "valued") {
    // The value comes back as text and is compared as a parameter of the value's own type (inferred).
    const keyset = after.last ? sql`and (${order.value}, c.id) ${past} (${after.last.value}, ${after.last.id})` : sql``;
    return sql`select c.id::text as cursor, (${order.value})::text as sort_value, ${cells} from contacts c
      where (${plan.where}) and (${order.value}) is not null ${keyset} order by ${order.value} ${dir}, c.id ${dir} limit ${size}`;
  }
  const keyset = after.lastId === undefined ? sql`` : sql`and c.id ${past} ${after.lastId}`;
  return sql`select c.id::text as cursor, null as sort_value, ${cells} from contacts c
    where (${plan.where}) and (${order.value}) is null ${keyset} order by c.id ${dir} limit ${size}`;
}

/**
 * The CSV, as text chunks: first the header row (after a BOM when asked for), then one chunk per
 * query of `chunkSize` rows, read only when the consumer asks for it (a stream's pull). Every cell
 * is quoted and neutralised against formula injection by escapeCell — the rule the import's error
 * file uses, which the import reads back — so an exported file imports back unchanged. Rows are in
 * the plan's order (the list's), else by id; line breaks are CRLF.
 */
export async function* exportCsv(exec: Executor, plan: ExportPlan, options: CsvOptions = {}): AsyncGenerator<string, number> {
  const size = options.chunkSize ?? EXPORT_CHUNK_SIZE;
  const width = plan.columns.length;
  const keys = plan.columns.map((_, i) => `c${i}`);
  const formats = plan.columns.map((c) => c.format);
  yield (options.bom ? BOM : "") + plan.columns.map((c) => escapeCell(c.header)).join(",") + EOL;
  // Without an order the id keyset is the whole walk: one "nulls" phase from the start.
  let after: ExportCursor = plan.order ? { phase: "valued" } : { phase: "nulls" };
  let rows = 0;
  for (;;) {
    const chunk = await exec.execute<Row>(chunkQuery(plan, after, size));
    if (chunk.length) {
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
    }
    const last = chunk[chunk.length - 1];
    if (chunk.length === size) {
      const id = Number(last!.cursor);
      after = after.phase === "valued" ? { phase: "valued", last: { value: last!.sort_value!, id } } : { phase: "nulls", lastId: id };
    } else if (after.phase === "valued") {
      after = { phase: "nulls" };
    } else {
      break;
    }
  }
  return rows;
}
