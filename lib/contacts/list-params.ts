import { z } from "zod";
import { EMPTY_FILTER, filterToParam, parseFilterParam, type Filter } from "@/lib/filters/schema";
import { refuseControlChars } from "@/lib/fields/text";

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 50;
export const MAX_PAGE = 100_000;
export const MAX_SEARCH_LENGTH = 200;

export interface SortSpec {
  column: string;
  desc: boolean;
}

/** The list's state as it lives in the URL: ?page=2&size=50&sort=name.asc&q=ada */
export interface ListParams {
  page: number;
  size: PageSize;
  /** null = the default order (last interaction, newest first). */
  sort: SortSpec | null;
  search: string;
  /** A built-in segment key or a saved segment's id; "all" by default. */
  segment: string;
  filter: Filter;
  /**
   * A saved segment's id while its conditions are being edited: the view is then All contacts
   * with `filter` and `search`, exactly what "Update segment" would save (segment is "all").
   */
  edit?: string;
  /** The URL carried a filter that could not be read (it was ignored). */
  filterInvalid?: boolean;
  /** The URL carried a search that could not be used (it was ignored): control characters. */
  searchInvalid?: boolean;
}

export const DEFAULT_LIST_PARAMS: ListParams = { page: 1, size: DEFAULT_PAGE_SIZE, sort: null, search: "", segment: "all", filter: EMPTY_FILTER };

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

function first(raw: RawParams, key: string): string | undefined {
  if (raw instanceof URLSearchParams) return raw.get(key) ?? undefined;
  const v = raw[key];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The quick search wherever it arrives (list URL, export and bulk criteria, saved segments): runs of
 * whitespace read as one space, capped; control characters are refused, never sent to the database.
 */
export const searchSchema = z
  .string()
  .max(1000)
  .superRefine(refuseControlChars("The search"))
  .transform((s) => s.replace(/\s+/g, " ").trim().slice(0, MAX_SEARCH_LENGTH));

const pageSchema = z.coerce.number().int().min(1).max(MAX_PAGE);
const sizeSchema = z.coerce.number().refine((n): n is PageSize => (PAGE_SIZES as readonly number[]).includes(n));

/**
 * Reads the list's URL parameters. Anything unknown or malformed falls back to its default, so a
 * hand-edited or outdated link still shows a list rather than an error page. `sortable` is the set
 * of column ids the list can sort on (system fields and `attr:<key>` for custom attributes).
 */
export function parseListParams(raw: RawParams, sortable: ReadonlySet<string>): ListParams {
  const page = pageSchema.safeParse(first(raw, "page"));
  const size = sizeSchema.safeParse(first(raw, "size"));
  const search = searchSchema.safeParse((first(raw, "q") ?? "").slice(0, 1000));
  let sort: SortSpec | null = null;
  const sortRaw = first(raw, "sort");
  const match = sortRaw?.match(/^(.+)\.(asc|desc)$/);
  if (match && sortable.has(match[1]!)) sort = { column: match[1]!, desc: match[2] === "desc" };
  const segmentRaw = first(raw, "segment") ?? "";
  const { filter, ok } = parseFilterParam(first(raw, "f"));
  const edit = first(raw, "edit") ?? "";
  return {
    page: page.success ? page.data : 1,
    size: size.success ? (size.data as PageSize) : DEFAULT_PAGE_SIZE,
    sort,
    search: search.success ? search.data : "",
    segment: /^[a-z]{1,20}$|^\d{1,15}$/.test(segmentRaw) ? segmentRaw : "all",
    filter,
    ...(/^\d{1,15}$/.test(edit) ? { edit } : {}),
    ...(ok ? {} : { filterInvalid: true }),
    ...(search.success ? {} : { searchInvalid: true }),
  };
}

/** A sort as the URL writes it: `name.asc`. */
export const sortToParam = (sort: SortSpec) => `${sort.column}.${sort.desc ? "desc" : "asc"}`;

/** The URL query string for `params`, leaving defaults out so links stay short. */
export function listParamsToQuery(params: ListParams): string {
  const q = new URLSearchParams();
  if (params.segment && params.segment !== "all") q.set("segment", params.segment);
  const f = filterToParam(params.filter);
  if (f) q.set("f", f);
  if (params.search) q.set("q", params.search);
  if (params.edit) q.set("edit", params.edit);
  if (params.sort) q.set("sort", sortToParam(params.sort));
  if (params.size !== DEFAULT_PAGE_SIZE) q.set("size", String(params.size));
  if (params.page !== 1) q.set("page", String(params.page));
  const s = q.toString();
  return s ? `?${s}` : "";
}
