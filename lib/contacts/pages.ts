import { createHash } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/db";
import type { CurrentUser } from "@/lib/auth/session";
import { BadRequestError, ValidationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/field-errors";
import { compileFilter } from "@/lib/filters/compile";
import { loadFilterFields } from "@/lib/filters/context";
import { EMPTY_FILTER, filterSchema, type Filter } from "@/lib/filters/schema";
import { resolveView } from "@/lib/segments/segments";
import { searchMatches, searchPredicate } from "./list";
import { findMatches, idIn } from "./list-matches";
import { searchSchema } from "./list-params";
import { and, systemSortExpression } from "./list-sql";
import { loadContactSnapshots, type ContactSnapshot } from "./snapshot";
import { NOT_TRASHED } from "./trashed";

/**
 * Keyset pages of contacts for clients that walk a whole set (the API). The set is the list's:
 * the same quick search, filter model and segments, through the same predicates and the same
 * choice between collecting few matches and walking a sort index (lib/contacts/list.ts). The order
 * is one of the sorts below, ties broken by id; each page starts after the (value, id) of the one
 * before, so a deep page costs what the first does and contacts inserted or changed meanwhile
 * neither repeat nor shift the others. Without a sort, pages go by id.
 */

interface PageSort {
  /** The list's column id, whose sort expression is used (lib/contacts/list-sql.ts). */
  column: string;
  type: "timestamp" | "text";
  nullable: boolean;
  /** Where an ascending walk of the column's index meets NULLs (its order is written to match). */
  ascNulls: "first" | "last";
}

/**
 * The sortable fields: the list's system fields that have an index on (value, id), so every page is
 * a range of that index. Contacts without a value come last in both directions.
 */
export const PAGE_SORTS = {
  created_at: { column: "createdAt", type: "timestamp", nullable: false, ascNulls: "last" },
  updated_at: { column: "updatedAt", type: "timestamp", nullable: false, ascNulls: "last" },
  // contacts_last_interaction_search_idx is (last_interaction_at desc nulls last, id desc).
  last_interaction_at: { column: "lastInteractionAt", type: "timestamp", nullable: true, ascNulls: "first" },
  full_name: { column: "name", type: "text", nullable: true, ascNulls: "last" },
  company: { column: "company", type: "text", nullable: true, ascNulls: "last" },
} as const satisfies Record<string, PageSort>;

type SortKey = keyof typeof PAGE_SORTS;
const SORT_KEYS = Object.keys(PAGE_SORTS) as SortKey[];
export const PAGE_SORT_VALUES = [...SORT_KEYS, ...SORT_KEYS.map((k) => `-${k}` as const)];

const limitSchema = z.coerce.number().int("Use a whole number.").min(1, "Use 1 to 100.").max(100, "Use 1 to 100.").default(25);

const filterParam = z
  .string()
  .max(20_000, "The filter is too long.")
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "The filter is not valid JSON." });
      return z.NEVER;
    }
  })
  .pipe(filterSchema);

export const contactPageInput = z.object({
  q: searchSchema.default("").meta({ description: "The list's quick search: part of a name, an e-mail or phone digits, or a whole word of a custom attribute value.", example: "ada" }),
  filter: filterParam.optional().meta({
    description:
      "The advanced filter's model as JSON (the list's filter builder): `{ \"join\": \"and\" | \"or\", \"conditions\": [{ \"field\", \"op\", \"value\" } or a group { \"join\", \"conditions\" }] }`, at most 50 conditions.",
    example: '{"join":"and","conditions":[{"field":"city","op":"is","value":"London"}]}',
  }),
  segment: z
    .string()
    .regex(/^[a-z]{1,20}$|^\d{1,15}$/, "Use a built-in segment's key (all, mine, leads, anonymous, blocked, archived) or a saved segment's id.")
    .optional()
    .meta({
      description: "A built-in segment's key (all, mine, leads, anonymous, blocked, archived; \"mine\" is the token creator's) or a saved segment's id. Leave it out for every contact.",
      example: "leads",
    }),
  sort: z
    .enum(PAGE_SORT_VALUES, `Use one of: ${PAGE_SORT_VALUES.join(", ")}.`)
    .optional()
    .meta({ description: "The order; `-` before a field for descending. Contacts without a value come last. Leave it out to page by creation (id).", example: "-last_interaction_at" }),
  limit: limitSchema.meta({ description: "Contacts per page.", example: 50 }),
  cursor: z
    .string()
    .max(4_000, "This cursor is not one we gave out.")
    .optional()
    .meta({ description: "The `next_cursor` of the page before, with the same q, filter, segment and sort; leave it out for the first page." }),
});
export type ContactPageInput = z.output<typeof contactPageInput>;

/** Where the previous page ended: the last row's sort value (as text; null for no value) and id. */
interface Position {
  value: string | null;
  id: number;
}

const TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const cursorShape = z.object({ k: z.string(), v: z.string().max(2_000).nullable(), i: z.number().int().positive() });

/** The query a cursor belongs to: a cursor from another search, filter, segment or sort is refused. */
function queryKey(input: ContactPageInput): string {
  const what = JSON.stringify([input.sort ?? "", input.q, input.segment ?? "", input.filter ?? null]);
  return createHash("sha256").update(what).digest("base64url").slice(0, 16);
}

export function cursorOf(input: ContactPageInput, at: Position): string {
  return Buffer.from(JSON.stringify({ k: queryKey(input), v: at.value, i: at.id }), "utf8").toString("base64url");
}

function readCursor(input: ContactPageInput, sort: PageSort | null): Position | null {
  if (input.cursor === undefined) return null;
  const refuse = (message: string) => new BadRequestError(message, { cursor: [message] });
  let decoded: z.output<typeof cursorShape>;
  try {
    decoded = cursorShape.parse(JSON.parse(Buffer.from(input.cursor, "base64url").toString("utf8")));
  } catch {
    throw refuse("This cursor is not one we gave out.");
  }
  if (decoded.k !== queryKey(input)) throw refuse("This cursor belongs to another query: keep q, filter, segment and sort as they were for the first page.");
  const valueFits = sort ? decoded.v === null || (sort.type === "timestamp" ? TIMESTAMP_TEXT.test(decoded.v) : true) : decoded.v === null;
  if (!valueFits) throw refuse("This cursor is not one we gave out.");
  return { value: decoded.v, id: decoded.i };
}

export interface ContactPage {
  contacts: ContactSnapshot[];
  /** null on the last page. */
  nextCursor: string | null;
}

export interface PageOptions {
  /** Whom "mine" and "is me" mean, and whose saved segments may be named (the token's creator). */
  user: () => Promise<CurrentUser>;
  /** From how many contacts a sample decides the plan (lib/contacts/list-matches); tests lower it. */
  sampleFrom?: number;
}

/** The segment and filter as SQL in the list's two forms; without a segment, every contact (blocked and archived too) but those in Trash. */
async function predicateOf(input: ContactPageInput, options: PageOptions): Promise<{ where?: SQL; perRow?: SQL }> {
  if (input.segment === undefined && input.filter === undefined) return { where: NOT_TRASHED, perRow: NOT_TRASHED };
  const user = await options.user();
  const ctx = { fields: await loadFilterFields(), userId: user.id };
  const filter: Filter = input.filter ?? EMPTY_FILTER;
  try {
    if (input.segment === undefined) {
      return { where: and([NOT_TRASHED, compileFilter(filter, ctx)]), perRow: and([NOT_TRASHED, compileFilter(filter, { ...ctx, perRow: true })]) };
    }
    const view = await resolveView(input.segment, filter, user, ctx);
    if (view.segment !== input.segment) {
      throw new BadRequestError("No segment has this key or id, or it is not shared.", { segment: ["Unknown segment."] });
    }
    return { where: view.where, perRow: view.perRowWhere };
  } catch (error) {
    if (error instanceof ValidationError) throw new BadRequestError(`The filter cannot be used: ${error.message}`, { filter: [error.message] });
    throw error;
  }
}

/** Every match when few enough to sort by primary key; null: walk the sort index (lib/contacts/list.ts). */
async function matchIds(exec: Executor, input: ContactPageInput, predicate: { where?: SQL; perRow?: SQL }, sampleFrom?: number): Promise<number[] | null> {
  if (input.q) return (await searchMatches(exec, input.q, predicate, sampleFrom)).ids;
  if (!predicate.where) return null;
  return (await findMatches(exec, predicate, { sampleFrom })).ids;
}

const dirOf = (desc: boolean) => sql.raw(desc ? "desc" : "asc");

/** Up to `limit` rows after `after` in the sort's order, with each row's sort value as text. */
async function rowsAfter(exec: Executor, where: SQL, sort: PageSort | null, desc: boolean, after: Position | null, limit: number): Promise<Position[]> {
  const cmp = sql.raw(desc ? "<" : ">");
  if (!sort) {
    const rows = await exec.execute<{ id: string | number }>(sql`
      select c.id from contacts c where ${where} ${after ? sql`and c.id ${cmp} ${after.id}` : sql``}
      order by c.id ${dirOf(desc)} limit ${limit}`);
    return rows.map((r) => ({ value: null, id: Number(r.id) }));
  }
  const expr = systemSortExpression(sort.column);
  const asText = sort.type === "timestamp" ? sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : expr;
  const typed = (v: string) => (sort.type === "timestamp" ? sql`${v}::timestamptz` : sql`${v}::text`);
  const out: Position[] = [];
  if (!after || after.value !== null) {
    // Rows with a value: one range of the (value, id) index. NULLs are excluded here, so the order's
    // NULLS clause is free: it is written the way the index runs, or PostgreSQL would sort instead.
    const nulls = sql.raw(`nulls ${(sort.ascNulls === "first") !== desc ? "first" : "last"}`);
    const rows = await exec.execute<{ id: string | number; v: string }>(sql`
      select c.id, ${asText} as v from contacts c
      where ${where} and ${expr} is not null ${after ? sql`and (${expr}, c.id) ${cmp} (${typed(after.value!)}, ${after.id})` : sql``}
      order by ${expr} ${dirOf(desc)} ${nulls}, c.id ${dirOf(desc)} limit ${limit}`);
    out.push(...rows.map((r) => ({ value: r.v, id: Number(r.id) })));
  }
  if (sort.nullable && out.length < limit) {
    const rows = await exec.execute<{ id: string | number }>(sql`
      select c.id from contacts c
      where ${where} and ${expr} is null ${after?.value === null ? sql`and c.id ${cmp} ${after.id}` : sql``}
      order by c.id ${dirOf(desc)} limit ${limit - out.length}`);
    out.push(...rows.map((r) => ({ value: null, id: Number(r.id) })));
  }
  return out;
}

/** One page of `raw` (the API's query parameters); 400 for parameters or a cursor that cannot be used. */
export async function listContactPage(exec: Executor, raw: Record<string, unknown>, options: PageOptions): Promise<ContactPage> {
  const parsed = contactPageInput.safeParse(raw);
  if (!parsed.success) throw new BadRequestError("Check the query parameters.", fieldErrorsOf(parsed.error));
  const input = parsed.data;
  const desc = input.sort?.startsWith("-") ?? false;
  const sort: PageSort | null = input.sort ? PAGE_SORTS[input.sort.replace(/^-/, "") as SortKey] : null;
  const after = readCursor(input, sort);
  const predicate = await predicateOf(input, options);
  const ids = await matchIds(exec, input, predicate, options.sampleFrom);
  const where = ids ? idIn(ids) : and([predicate.perRow ?? predicate.where, input.q ? searchPredicate(input.q) : undefined]);
  const rows = await rowsAfter(exec, where, sort, desc, after, input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    contacts: await loadContactSnapshots(exec, page.map((r) => r.id)),
    nextCursor: rows.length > input.limit ? cursorOf(input, page.at(-1)!) : null,
  };
}
