import { getTableColumns } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contacts, type Contact } from "@/db/schema";
import { ValidationError } from "@/lib/errors";
import { defaultPrimaryId, MERGE_FIELDS, planMerge } from "./merge-plan";
import type { ContactSnapshot } from "./snapshot";

const day = (n: number) => new Date(Date.UTC(2025, 0, n));

function contact(id: number, values: Partial<Contact> = {}): Contact {
  return {
    id,
    contactKey: `C-${id}`,
    firstName: null,
    middleName: null,
    lastName: null,
    fullName: null,
    company: null,
    jobTitle: null,
    industry: null,
    website: null,
    street: null,
    city: null,
    region: null,
    postalCode: null,
    country: null,
    billingStreet: null,
    billingCity: null,
    billingRegion: null,
    billingPostalCode: null,
    billingCountry: null,
    language: null,
    timeZone: null,
    leadStage: "contact",
    status: "active",
    blocked: false,
    blockedAt: null,
    blockedById: null,
    archived: false,
    archivedAt: null,
    trashedAt: null,
    trashedById: null,
    anonymous: false,
    source: "manual",
    favoriteAgentId: null,
    subscription: "not_set",
    createdAt: day(1),
    updatedAt: day(1),
    lastInteractionAt: null,
    version: 1,
    searchDoc: "",
    attrWords: null,
    searchKey: "",
    ...values,
  };
}

function snap(id: number, values: Partial<Contact> = {}, parts: Partial<Omit<ContactSnapshot, "contact">> = {}): ContactSnapshot {
  return {
    contact: contact(id, values),
    phones: [],
    emails: [],
    externalIds: [],
    links: [],
    tags: [],
    attributes: {},
    noteCount: 0,
    activityCount: 0,
    ...parts,
  };
}

const field = (plan: ReturnType<typeof planMerge>, id: string) => plan.fields.find((f) => f.id === id)!;

describe("MERGE_FIELDS", () => {
  it("covers the editable single-valued fields of the registry, each mapped to a real column", () => {
    const columns = Object.keys(getTableColumns(contacts));
    for (const f of MERGE_FIELDS) expect(columns).toContain(f.column);
    const ids = MERGE_FIELDS.map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(["firstName", "lastName", "company", "country", "leadStage", "status", "subscription", "favoriteAgent"]));
    // Derived, identifier and read-only fields are not chosen by a merge.
    for (const id of ["name", "contactKey", "phones", "emails", "tags", "source", "blocked", "createdAt", "updatedAt"]) expect(ids).not.toContain(id);
  });
});

describe("planMerge: single-valued fields", () => {
  it("keeps the primary's value when it has one", () => {
    const plan = planMerge([snap(1, { company: "Primary Co" }), snap(2, { company: "Other Co", updatedAt: day(9) })], 1);
    expect(plan.values.company).toBe("Primary Co");
    expect(field(plan, "company")).toMatchObject({ sourceId: 1, rule: "primary", conflict: true });
  });

  it("fills an empty field from the most recently updated secondary that has it", () => {
    const plan = planMerge(
      [
        snap(1, { company: null, city: "  " }),
        snap(2, { company: "Older Co", city: "Older City", updatedAt: day(2) }),
        snap(3, { company: "Newer Co", updatedAt: day(5) }),
        snap(4, { company: null, updatedAt: day(9) }),
      ],
      1,
    );
    expect(plan.secondaryIds).toEqual([4, 3, 2]);
    expect(field(plan, "company")).toMatchObject({ value: "Newer Co", sourceId: 3, rule: "filled" });
    // A blank string is empty too; contact 3 has no city, so the next one in line fills it.
    expect(field(plan, "city")).toMatchObject({ value: "Older City", sourceId: 2, rule: "filled" });
    expect(field(plan, "jobTitle")).toMatchObject({ value: null, sourceId: null, rule: "empty", candidates: [] });
  });

  it("breaks an updated-at tie by the newer id", () => {
    const plan = planMerge([snap(1), snap(2, { company: "Two", updatedAt: day(3) }), snap(3, { company: "Three", updatedAt: day(3) })], 1);
    expect(plan.values.company).toBe("Three");
  });

  it("keeps the primary's subscription even when it is not set", () => {
    const plan = planMerge([snap(1, { subscription: "not_set" }), snap(2, { subscription: "subscribed", updatedAt: day(4) })], 1);
    expect(plan.values.subscription).toBe("not_set");
    expect(field(plan, "subscription")).toMatchObject({ rule: "primary", sourceId: 1, conflict: true });
  });

  it("fills the favorite agent (a user id column)", () => {
    const plan = planMerge([snap(1), snap(2, { favoriteAgentId: 77 })], 1);
    expect(plan.values.favoriteAgentId).toBe(77);
  });

  it("lists the distinct values with their holders, primary first then fill order", () => {
    const plan = planMerge(
      [snap(1, { company: "Acme" }), snap(2, { company: "Beta", updatedAt: day(2) }), snap(3, { company: "Acme ", updatedAt: day(3) })],
      1,
    );
    expect(field(plan, "company").candidates).toEqual([
      { value: "Acme", contactIds: [1, 3] },
      { value: "Beta", contactIds: [2] },
    ]);
    expect(field(plan, "firstName")).toMatchObject({ candidates: [], conflict: false });
  });

  it("applies an override: the chosen contact's value wins over the primary's", () => {
    const plan = planMerge([snap(1, { company: "Mine", jobTitle: "CEO" }), snap(2, { company: "Theirs" })], 1, {
      overrides: { company: 2 },
    });
    expect(field(plan, "company")).toMatchObject({ value: "Theirs", sourceId: 2, rule: "chosen" });
    expect(plan.values.jobTitle).toBe("CEO");
  });

  it("applies an override to the subscription and to a custom attribute", () => {
    const plan = planMerge(
      [
        snap(1, { subscription: "unsubscribed" }, { attributes: { plan: { attributeId: 5, type: "text", value: "basic" } } }),
        snap(2, { subscription: "subscribed" }, { attributes: { plan: { attributeId: 5, type: "text", value: "pro" } } }),
      ],
      1,
      { overrides: { subscription: 2, "attribute:plan": 2 } },
    );
    expect(plan.values.subscription).toBe("subscribed");
    expect(plan.attributes.plan).toMatchObject({ value: "pro", contactId: 2 });
  });

  it("refuses an override for an unknown field, a contact outside the merge, or an empty value", () => {
    const snaps = [snap(1, { company: "A" }), snap(2)];
    expect(() => planMerge(snaps, 1, { overrides: { contactKey: 2 } })).toThrow(ValidationError);
    expect(() => planMerge(snaps, 1, { overrides: { "attribute:nope": 2 } })).toThrow(/not a field/);
    expect(() => planMerge(snaps, 1, { overrides: { company: 9 } })).toThrow(/not being merged/);
    expect(() => planMerge(snaps, 1, { overrides: { company: 2 } })).toThrow(/has no Company to keep/);
  });

  it("refuses a primary that is not among the contacts", () => {
    expect(() => planMerge([snap(1), snap(2)], 3)).toThrow(/primary contact must be one of/);
  });
});

describe("planMerge: unions", () => {
  const phone = (id: number, e164: string, isPrimary = false) => ({ id, e164, label: null, isPrimary });
  const email = (id: number, address: string, isPrimary = false) => ({ id, email: address, emailNormalized: address.toLowerCase(), label: null, isPrimary });

  it("unites phones and e-mails and keeps the primary contact's primary ones", () => {
    const plan = planMerge(
      [
        snap(1, {}, { phones: [phone(10, "+13195550001"), phone(11, "+13195550002", true)], emails: [email(20, "a@x.test", true)] }),
        snap(2, {}, { phones: [phone(12, "+13195550003", true)], emails: [email(21, "b@x.test", true), email(22, "c@x.test")] }),
      ],
      1,
    );
    expect(plan.phones.map((p) => [p.e164, p.isPrimary, p.contactId])).toEqual([
      ["+13195550001", false, 1],
      ["+13195550002", true, 1],
      ["+13195550003", false, 2],
    ]);
    expect(plan.emails.filter((e) => e.isPrimary).map((e) => e.id)).toEqual([20]);
    expect(plan.emails).toHaveLength(3);
  });

  it("takes the primary flag from the first secondary in line when the primary contact has none", () => {
    const plan = planMerge(
      [
        snap(1),
        snap(2, { updatedAt: day(2) }, { phones: [phone(12, "+13195550003", true)] }),
        snap(3, { updatedAt: day(3) }, { phones: [phone(13, "+13195550004"), phone(14, "+13195550005", true)] }),
      ],
      1,
    );
    expect(plan.phones.filter((p) => p.isPrimary).map((p) => p.id)).toEqual([14]);
  });

  it("makes the primary contact's first phone primary when none of its phones is flagged", () => {
    const plan = planMerge([snap(1, {}, { phones: [phone(10, "+13195550001")] }), snap(2, {}, { phones: [phone(12, "+13195550003", true)] })], 1);
    expect(plan.phones.filter((p) => p.isPrimary).map((p) => p.id)).toEqual([10]);
  });

  it("unites external ids, links (same URL once, primary's label) and tags (same tag once)", () => {
    const tag = (id: number) => ({ id, name: `T${id}`, color: "#000000" });
    const plan = planMerge(
      [
        snap(1, {}, { externalIds: [{ id: 1, system: "crm", externalId: "a" }], links: [{ id: 1, label: "Mine", url: "https://crm/x" }], tags: [tag(1), tag(2)] }),
        snap(
          2,
          { updatedAt: day(5) },
          {
            externalIds: [{ id: 2, system: "crm", externalId: "b" }],
            links: [
              { id: 2, label: "Theirs", url: "https://crm/x" },
              { id: 3, label: "Other", url: "https://crm/y" },
            ],
            tags: [tag(2), tag(3)],
          },
        ),
        snap(3, {}, { tags: [tag(3), tag(4)], links: [{ id: 4, label: "Again", url: "https://crm/y" }] }),
      ],
      1,
    );
    expect(plan.externalIds.map((x) => x.externalId)).toEqual(["a", "b"]);
    expect(plan.links.map((l) => [l.label, l.url])).toEqual([
      ["Mine", "https://crm/x"],
      ["Other", "https://crm/y"],
    ]);
    expect(plan.tags.map((t) => t.id)).toEqual([1, 2, 3, 4]);
  });

  it("keeps the primary's custom attribute value, else the most recently updated secondary's", () => {
    const attr = (attributeId: number, value: string | number) => ({ attributeId, type: "text" as const, value });
    const plan = planMerge(
      [
        snap(1, {}, { attributes: { plan: attr(5, "basic") } }),
        snap(2, { updatedAt: day(2) }, { attributes: { plan: attr(5, "pro"), seats: attr(6, 3) } }),
        snap(3, { updatedAt: day(8) }, { attributes: { seats: attr(6, 10) } }),
      ],
      1,
    );
    expect(plan.attributes.plan).toMatchObject({ value: "basic", contactId: 1 });
    expect(plan.attributes.seats).toMatchObject({ value: 10, contactId: 3 });
    expect(field(plan, "attribute:seats")).toMatchObject({ kind: "attribute", rule: "filled", conflict: true });
  });
});

describe("planMerge: dates, counts and the default primary", () => {
  it("takes the earliest created, the latest interaction, the merge time as updated, and sums counts", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const plan = planMerge(
      [
        snap(1, { createdAt: day(5), lastInteractionAt: day(6) }, { noteCount: 1, activityCount: 2 }),
        snap(2, { createdAt: day(2), lastInteractionAt: null }, { noteCount: 3 }),
        snap(3, { createdAt: day(3), lastInteractionAt: day(20) }, { activityCount: 4 }),
      ],
      1,
      { now },
    );
    expect(plan.createdAt).toEqual(day(2));
    expect(plan.lastInteractionAt).toEqual(day(20));
    expect(plan.updatedAt).toBe(now);
    expect([plan.noteCount, plan.activityCount]).toEqual([4, 6]);
  });

  it("stays anonymous only when every record is", () => {
    expect(planMerge([snap(1, { anonymous: true }), snap(2, { anonymous: true })], 1).anonymous).toBe(true);
    expect(planMerge([snap(1, { anonymous: true }), snap(2)], 1).anonymous).toBe(false);
  });

  it("defaults the primary to the oldest contact, lowest id on a tie", () => {
    expect(defaultPrimaryId([snap(3, { createdAt: day(4) }), snap(2, { createdAt: day(2) }), snap(1, { createdAt: day(9) })])).toBe(2);
    expect(defaultPrimaryId([snap(7), snap(4)])).toBe(4);
  });
});
