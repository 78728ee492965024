import { describe, expect, it } from "vitest";
import { DEFAULT_LIST_PARAMS, listParamsToQuery, parseListParams } from "./list-params";

const sortable = new Set(["name", "lastInteractionAt", "attr:plan"]);

describe("parseListParams", () => {
  it("reads page, size, sort and search", () => {
    expect(parseListParams({ page: "3", size: "100", sort: "attr:plan.desc", q: "  Ada   Love " }, sortable)).toEqual({
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

  it("round-trips through the query string", () => {
    const params = { page: 4, size: 25 as const, sort: { column: "name", desc: false }, search: "555 4929" };
    const query = listParamsToQuery(params);
    expect(query).toBe("?q=555+4929&sort=name.asc&size=25&page=4");
    expect(parseListParams(new URLSearchParams(query), sortable)).toEqual(params);
    expect(listParamsToQuery(DEFAULT_LIST_PARAMS)).toBe("");
  });
});
