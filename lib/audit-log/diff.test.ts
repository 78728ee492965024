import { describe, expect, it } from "vitest";
import { fieldRows, flatten, mergeView } from "./diff";

describe("audit diff", () => {
  it("flattens nested fields, lists one line per item without row ids, and marks what changed", () => {
    const before = { contact: { firstName: "Ada", company: null }, phones: [{ id: 1, e164: "+15550001" }] };
    const after = { contact: { firstName: "Ada", company: "Acme" }, phones: [{ id: 9, e164: "+15550001" }, { id: 10, e164: "+15550002" }] };
    expect(fieldRows(before, after)).toEqual([
      { field: "contact.firstName", before: "Ada", after: "Ada", changed: false },
      { field: "contact.company", before: "", after: "Acme", changed: true },
      { field: "phones", before: "+15550001", after: "+15550001\n+15550002", changed: true },
    ]);
  });

  it("reads a created entry (no before) and a bare value", () => {
    expect(fieldRows(null, { name: "x" })).toEqual([{ field: "name", before: undefined, after: "x", changed: true }]);
    expect([...flatten(3)]).toEqual([["value", "3"]]);
  });

  it("shows every merged contact's snapshot, the primary first, and the primary against the result", () => {
    const snap = (id: number, firstName: string) => ({ contact: { id, firstName }, tags: [] });
    const view = mergeView({ primaryId: 2, contacts: [snap(1, "Al"), snap(2, "Bo")] }, { contact: snap(2, "Al"), mergedContactIds: [1] });
    expect(view?.snapshots.map((s) => [s.id, s.primary])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(view?.result.find((r) => r.field === "contact.firstName")).toEqual({ field: "contact.firstName", before: "Bo", after: "Al", changed: true });
    expect(mergeView({ a: 1 }, { b: 2 })).toBeNull();
  });
});
