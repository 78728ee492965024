import { describe, expect, it } from "vitest";
import { DEFAULT_LIST_PARAMS, listParamsToQuery, parseListParams } from "./list-params";

const sortable = new Set(["name", "lastInteractionAt", "attr:plan"]);

describe("parseListParams", () => {
  it("reads page, size, sort and search", () => {
    expect(parseListParams({ page: "3", size: "100", sort: "attr:plan.desc", q: "  Ada   Love " }, sortable)).toEqual({
      ...DEFAULT_LIST_PARAMS,
      page: 3,
      size: 100,
      sort: { column: "attr:plan", desc: true },
      search: "Ada Love",
    });
  });

  it("falls back to defaults for anything malformed or unknown", () => {
    for (const raw of [
      { page: "0" },
      { page: "-2" },
      { page: "abc" },
      { page: "1e9" },
      { page: "2.5" },
      { size: "33" },
      { size: "" },
      { sort: "password_hash.asc" },
      { sort: "name" },
      { sort: "name.sideways" },
      { sort: "name.asc;drop table contacts" },
      { segment: "1; drop" },
    ]) {
      const parsed = parseListParams(raw, sortable);
      expect({ ...parsed, search: "" }).toEqual(DEFAULT_LIST_PARAMS);
    }
  });

  it("takes the first of repeated parameters and caps the search length", () => {
    const parsed = parseListParams({ page: ["2", "9"], q: "x".repeat(500) }, sortable);
    expect(parsed.page).toBe(2);
    expect(parsed.search).toHaveLength(200);
  });

  it("reads the segment and the filter, and flags an unreadable filter", () => {
    const filter = { join: "and", conditions: [{ field: "country", op: "any_of", value: ["DE"] }] };
    const parsed = parseListParams({ segment: "12", f: JSON.stringify(filter) }, sortable);
    expect(parsed.segment).toBe("12");
    expect(parsed.filter).toEqual(filter);
    expect(parseListParams({ f: "{not json" }, sortable)).toMatchObject({ filter: DEFAULT_LIST_PARAMS.filter, filterInvalid: true });
    expect(parseListParams({ f: JSON.stringify({ join: "xor", conditions: [] }) }, sortable).filterInvalid).toBe(true);
    const round = parseListParams(new URLSearchParams(listParamsToQuery({ ...DEFAULT_LIST_PARAMS, segment: "leads", filter: filter as never })), sortable);
    expect(round).toMatchObject({ segment: "leads", filter });
    // The segment whose conditions are being edited travels with them; anything else is dropped.
    expect(parseListParams(new URLSearchParams(listParamsToQuery({ ...DEFAULT_LIST_PARAMS, filter: filter as never, edit: "7" })), sortable)).toMatchObject({ edit: "7", filter });
    expect(parseListParams({ edit: "7; drop" }, sortable).edit).toBeUndefined();
  });

  it("leaves out a search holding a control character, and says so", () => {
    for (const q of ["\u0000", "ada\u0000", "\u001B[2J", "x\u007F"]) {
      expect(parseListParams({ q, page: "2" }, sortable)).toEqual({ ...DEFAULT_LIST_PARAMS, page: 2, searchInvalid: true });
    }
    expect(parseListParams({ q: "ada\tlove\n" }, sortable)).toMatchObject({ search: "ada love" });
    expect(parseListParams({ q: "ada\tlove\n" }, sortable).searchInvalid).toBeUndefined();
  });

  it("flags a filter holding a control character, even in a value its operator ignores", () => {
    const filter = { join: "and", conditions: [{ field: "company", op: "is_not_empty", value: "\u0000" }] };
    expect(parseListParams({ f: JSON.stringify(filter) }, sortable)).toMatchObject({ filter: DEFAULT_LIST_PARAMS.filter, filterInvalid: true });
  });

  it("round-trips through the query string", () => {
    const params = { ...DEFAULT_LIST_PARAMS, page: 4, size: 25 as const, sort: { column: "name", desc: false }, search: "555 4929" };
    const query = listParamsToQuery(params);
    expect(query).toBe("?q=555+4929&sort=name.asc&size=25&page=4");
    expect(parseListParams(new URLSearchParams(query), sortable)).toEqual(params);
    expect(listParamsToQuery(DEFAULT_LIST_PARAMS)).toBe("");
  });
});
