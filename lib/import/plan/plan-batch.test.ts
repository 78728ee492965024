import { describe, expect, it } from "vitest";
import { countOutcomes, planBatch, type Holder, type IdentifierLookup } from "./plan-batch";
import type { ImportRecord } from "../validate/validate-row";

function record(line: number, values: Partial<ImportRecord> = {}): ImportRecord {
  return { line, fields: {}, phones: [], emails: [], tags: [], attributes: {}, externalIds: [], ...values };
}

function lookup(held: { phones?: Record<string, number | "user">; emails?: Record<string, number | "user">; keys?: Record<string, number>; touched?: number[] } = {}): IdentifierLookup {
  const holders = (m: Record<string, number | "user"> = {}) =>
    new Map(Object.entries(m).map(([k, v]): [string, Holder] => [k, v === "user" ? { kind: "user" } : { kind: "contact", contactId: v }]));
  const ids = new Set([...Object.values(held.phones ?? {}), ...Object.values(held.emails ?? {}), ...Object.values(held.keys ?? {})].filter((v): v is number => v !== "user"));
  const labels = new Map([...ids].map((id) => [id, { contactKey: `C-${id}`, name: `Contact ${id}` }]));
  for (const [key, id] of Object.entries(held.keys ?? {})) labels.set(id, { contactKey: key, name: `Contact ${id}` });
  return {
    keys: new Map(Object.entries(held.keys ?? {})),
    externalIds: new Map(),
    phones: holders(held.phones),
    emails: holders(held.emails),
    labels,
    touched: new Set(held.touched ?? []),
  };
}

describe("planBatch", () => {
  it("groups rows sharing a phone or an e-mail transitively; the later row's fields win", () => {
    const plan = planBatch(
      [
        record(2, { phones: ["+1"], fields: { firstName: "A", company: "X" } }),
        record(3, { phones: ["+2"], emails: ["e"] }),
        record(4, { phones: ["+1"], emails: ["e"], fields: { firstName: "B" } }),
        record(5, { phones: ["+9"] }),
      ],
      lookup(),
      "merge",
    );
    expect(plan.contacts).toHaveLength(2);
    expect(plan.contacts[0]).toMatchObject({ contactId: null, phones: ["+1", "+2"], emails: ["e"], fields: { firstName: "B", company: "X" }, lines: [2, 3, 4] });
    expect(plan.rows.map((r) => r.outcome)).toEqual(["created", "merged", "merged", "created"]);
  });

  it("phone before e-mail; the other contact's identifier stays and the row is warned about", () => {
    const plan = planBatch([record(2, { phones: ["+1"], emails: ["b@x"] })], lookup({ phones: { "+1": 10 }, emails: { "b@x": 20 } }), "merge");
    expect(plan.contacts).toEqual([expect.objectContaining({ contactId: 10, phones: [], emails: [] })]);
    expect(plan.rows[0]!.warnings).toEqual(["E-mail b@x stays on Contact 20 (C-20); the row was merged into Contact 10 (C-10). Merge the two contacts yourself if they are the same person."]);
    expect(countOutcomes(plan.rows)).toEqual({ created: 0, merged: 1, skipped: 0, failed: 0, warnings: 1 });
  });

  it("a Contact ID names the contact before any phone; a different ID on a merged row is not used", () => {
    const plan = planBatch([record(2, { contactKey: "K1", phones: ["+1"] }), record(3, { contactKey: "K2", phones: ["+1"] })], lookup({ keys: { K1: 5 }, phones: { "+1": 7 } }), "merge");
    expect(plan.contacts).toEqual([expect.objectContaining({ contactId: 5 })]);
    expect(plan.rows[0]!.warnings[0]).toMatch(/^Phone \+1 stays on Contact 7/);
    expect(plan.rows[0]!.warnings).toHaveLength(1);
    expect(plan.rows[1]!.warnings).toContain("Contact ID K2 was not used: the row was merged into Contact 5 (K1), and a Contact ID never changes.");
  });

  it("two groups that match the same contact are written once", () => {
    const plan = planBatch([record(2, { phones: ["+1"] }), record(3, { emails: ["a@x"], tags: ["t"] })], lookup({ phones: { "+1": 4 }, emails: { "a@x": 4 } }), "merge");
    expect(plan.contacts).toEqual([expect.objectContaining({ contactId: 4, tags: ["t"], lines: [2, 3] })]);
  });

  it("skip leaves existing contacts alone unless this import created them; createOnly skips every match", () => {
    const rows = [record(2, { phones: ["+1"] }), record(3, { phones: ["+2"] }), record(4, { phones: ["+3"] }), record(5, { phones: ["+3"] })];
    const held = lookup({ phones: { "+1": 1, "+2": 2 }, touched: [2] });
    expect(planBatch(rows, held, "skip").rows.map((r) => r.outcome)).toEqual(["skipped", "merged", "created", "merged"]);
    expect(planBatch(rows, held, "createOnly").rows.map((r) => r.outcome)).toEqual(["skipped", "skipped", "created", "skipped"]);
  });

  it("never adds a user's phone; a new contact left without an identifier fails", () => {
    const plan = planBatch([record(2, { phones: ["+1"] }), record(3, { phones: ["+1", "+2"] })], lookup({ phones: { "+1": "user" } }), "merge");
    // Both rows share +1, so they are one group; +2 is enough for a contact.
    expect(plan.contacts).toEqual([expect.objectContaining({ contactId: null, phones: ["+2"] })]);
    const alone = planBatch([record(2, { phones: ["+1"] })], lookup({ phones: { "+1": "user" } }), "merge");
    expect(alone.rows[0]).toMatchObject({ outcome: "failed", message: "Phone +1 belongs to a user of Switchboard, so it was not added. The row has no other phone, e-mail or Contact ID." });
    expect(alone.contacts).toEqual([]);
  });
});
