import { describe, expect, it } from "vitest";
import type { Contact } from "@/db/schema";
import type { MergeStrategy } from "@/db/schema/enums";
import type { Holder } from "@/lib/contacts/identifier-conflicts";
import type { PreparedRecord } from "@/lib/contacts/record";
import { mergeIntoContact, planMatch, type MatchInput } from "./upsert-plan";

const A: Holder = { id: 1, contactKey: "C-A", name: "Ada" };
const B: Holder = { id: 2, contactKey: "C-B", name: "Bea" };

function input(strategy: MergeStrategy, held: { external?: Holder; phone?: Holder; email?: Holder }): MatchInput {
  return {
    kind: "lead",
    strategy,
    external: { label: "51 (hubspot)", holder: held.external ?? null },
    phones: [{ value: "+13195550001", holder: held.phone ?? null }],
    emails: [{ value: "x@example.com", holder: held.email ?? null }],
  };
}

const action = (strategy: MergeStrategy, held: Parameters<typeof input>[1]) => {
  const plan = planMatch(input(strategy, held));
  return plan.action === "conflict" ? `conflict ${plan.holders.map((h) => h.contactKey).join(",")}` : plan.action === "update" ? `update ${plan.target.contactKey}` : "create";
};

describe("planMatch", () => {
  it("creates when nobody holds any of the record's identifiers, whatever the setting", () => {
    for (const s of ["phone", "email", "phone_and_email", "never"] as const) expect(action(s, {})).toBe("create");
  });

  // Rows: what A holds; columns: the setting. A contact the setting does not match, yet holding one of
  // the record's identifiers, is a conflict: the identifier cannot belong to two contacts.
  it.each([
    ["phone only", { phone: A }, { phone: "update C-A", email: "conflict C-A", phone_and_email: "conflict C-A", never: "conflict C-A" }],
    ["e-mail only", { email: A }, { phone: "conflict C-A", email: "update C-A", phone_and_email: "conflict C-A", never: "conflict C-A" }],
    ["both", { phone: A, email: A }, { phone: "update C-A", email: "update C-A", phone_and_email: "update C-A", never: "conflict C-A" }],
  ] as const)("a contact holding the record's %s", (_, held, expected) => {
    for (const [strategy, outcome] of Object.entries(expected)) expect(action(strategy as MergeStrategy, held), strategy).toBe(outcome);
  });

  it("matches by the external ID first, whatever the setting", () => {
    for (const s of ["phone", "email", "phone_and_email", "never"] as const) {
      expect(action(s, { external: A })).toBe("update C-A");
      expect(action(s, { external: A, phone: A, email: A })).toBe("update C-A");
    }
  });

  it("never merges two contacts: both are answered, the matched one first", () => {
    expect(action("phone", { phone: A, email: B })).toBe("conflict C-A,C-B");
    expect(action("email", { phone: A, email: B })).toBe("conflict C-B,C-A");
    expect(action("phone_and_email", { phone: A, email: B })).toBe("conflict C-A,C-B");
    expect(action("never", { external: A, phone: B })).toBe("conflict C-A,C-B");
    const plan = planMatch(input("never", { external: A, phone: B }));
    expect(plan).toMatchObject({ errors: { phones: [expect.stringMatching(/\+13195550001 belongs to Bea \(C-B\), but this record is Ada \(C-A\) by its external ID 51 \(hubspot\)/)] } });
  });

  it("refuses a setting that finds two contacts", () => {
    const plan = planMatch({ ...input("phone", {}), phones: [{ value: "+1", holder: A }, { value: "+2", holder: B }] });
    expect(plan).toMatchObject({ action: "conflict", holders: [A, B], errors: { _form: [expect.stringContaining("matches 2 contacts")] } });
  });

  it("matches by phone and email only a contact holding one of each", () => {
    const plan = planMatch({
      ...input("phone_and_email", {}),
      phones: [{ value: "+1", holder: A }, { value: "+2", holder: B }],
      emails: [{ value: "b@x", holder: B }],
    });
    expect(plan).toMatchObject({ action: "conflict", holders: [B, A] });
  });
});

const contact = (values: Partial<Contact>) => ({ firstName: "Ada", lastName: "Lovelace", ...values }) as Contact;
const definition = { id: 7, key: "tier", label: "Tier" } as NonNullable<PreparedRecord["attributes"]>[number]["definition"];

describe("mergeIntoContact", () => {
  const before = {
    contact: contact({}),
    phones: [{ id: 1, e164: "+13195550001", label: "work", isPrimary: true }],
    emails: [],
    externalIds: [{ id: 3, system: "hubspot", externalId: "51" }],
    tags: [{ id: 4, name: "VIP", color: "#000" }],
    attributes: { tier: { attributeId: 7, type: "text" as const, value: "Gold" } },
  };

  it("is null when the contact already has all of it, empty values included", () => {
    const same: PreparedRecord = {
      columns: { firstName: "Ada", lastName: null },
      fieldIds: { firstName: "firstName", lastName: "lastName" },
      phones: [{ value: "+13195550001", label: null, isPrimary: true }],
      emails: [],
      externalIds: [{ system: "hubspot", externalId: "51" }],
      tags: ["vip"],
      attributes: [
        { definition, value: { textValue: "Gold", numberValue: null, dateValue: null, boolValue: null } },
        { definition: { ...definition, key: "other" }, value: null },
      ],
    };
    expect(mergeIntoContact(before, same)).toBeNull();
  });

  it("adds new identifiers and tags, keeps the old ones and their primary, takes the newest non-empty values", () => {
    const change = mergeIntoContact(before, {
      columns: { firstName: "Augusta", lastName: "" },
      fieldIds: { firstName: "firstName", lastName: "lastName" },
      phones: [{ value: "+13195550002", label: null, isPrimary: true }],
      emails: [{ value: "ada@example.com", label: null, isPrimary: true }],
      externalIds: [{ system: "shopify", externalId: "9" }],
      tags: ["New"],
      attributes: [{ definition, value: { textValue: "Silver", numberValue: null, dateValue: null, boolValue: null } }],
    });
    expect(change).toEqual({
      columns: { firstName: "Augusta" },
      fieldIds: { firstName: "firstName" },
      phones: [
        { value: "+13195550001", label: "work", isPrimary: true },
        { value: "+13195550002", label: null, isPrimary: false },
      ],
      emails: [{ value: "ada@example.com", label: null, isPrimary: true }],
      externalIds: [
        { system: "hubspot", externalId: "51" },
        { system: "shopify", externalId: "9" },
      ],
      tags: ["VIP", "New"],
      attributes: [{ definition, value: { textValue: "Silver", numberValue: null, dateValue: null, boolValue: null } }],
    });
  });
});
