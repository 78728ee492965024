import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { attributeDefinitions, contactAttributeValues, contacts, contactTags, tags } from "@/db/schema";
import { makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";
import { compileFilter } from "./compile";
import { filterFields, type FilterField } from "./fields";

let tok: string;
let fields: FilterField[];
let me: number;
let other: number;
let t1: number;
let t2: number;
let attr: Record<string, string>;
const names: Record<number, string> = {};

async function matching(filter: unknown, userId: number, perRow: boolean): Promise<string[]> {
  const where = compileFilter(filter, { fields, userId, perRow });
  const rows = await db.execute<{ id: number }>(sql`select c.id from contacts c where c.last_name = ${tok} and ${where ?? sql`true`} order by c.first_name`);
  return rows.map((r) => names[Number(r.id)]!);
}

/** The contacts a filter matches; its per-row form (for walking the list's index) must match the same. */
async function run(filter: unknown, userId = me): Promise<string[]> {
  const joined = await matching(filter, userId, false);
  expect(await matching(filter, userId, true)).toEqual(joined);
  return joined;
}
const one = (field: string, op: string, value?: unknown) => run({ join: "and", conditions: [{ field, op, value }] });

beforeAll(async () => {
  tok = unique("Flt");
  const [u1, u2] = [await makeUser("agent"), await makeUser("agent")];
  me = u1.id;
  other = u2.id;
  const [a, b] = await db.insert(tags).values([{ name: unique("T1 ") }, { name: unique("T2 ") }]).returning();
  t1 = a!.id;
  t2 = b!.id;
  const keys = { text: unique("t_"), number: unique("n_"), date: unique("d_"), dropdown: unique("s_"), boolean: unique("b_") };
  const defs = await db
    .insert(attributeDefinitions)
    .values([
      { key: keys.text, label: "Tier note", type: "text" },
      { key: keys.number, label: "Score", type: "number" },
      { key: keys.date, label: "Renewal", type: "date" },
      { key: keys.dropdown, label: "Plan", type: "dropdown", options: ["Free", "Pro"] },
      { key: keys.boolean, label: "Vip", type: "boolean" },
    ])
    .returning();
  attr = Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, `attr:${v}`]));
  const id = (key: string) => defs.find((d) => d.key === key)!.id;
  const day = 86_400_000;
  const anna = await makeContact(
    { firstName: "Anna", lastName: tok, company: "Acme Corp", country: "DE", leadStage: "lead", blocked: true, blockedAt: new Date(),
      lastInteractionAt: new Date(Date.now() - 100 * day), createdAt: new Date("2024-01-10T12:00:00Z"), favoriteAgentId: me },
    { phones: [uniquePhone()], emails: [`${unique()}@a.test`] },
  );
  const bert = await makeContact(
    { firstName: "Bert", lastName: tok, country: "US", leadStage: "customer", lastInteractionAt: new Date(Date.now() - 5 * day),
      createdAt: new Date("2025-06-01T12:00:00Z"), favoriteAgentId: other },
    { phones: [uniquePhone()] },
  );
  const cleo = await makeContact({ firstName: "Cleo", lastName: tok, company: "  ", leadStage: "contact", createdAt: new Date("2025-06-02T12:00:00Z") }, { emails: [`${unique()}@c.test`] });
  Object.assign(names, { [anna.id]: "Anna", [bert.id]: "Bert", [cleo.id]: "Cleo" });
  await db.insert(contactTags).values([{ contactId: anna.id, tagId: t1 }, { contactId: anna.id, tagId: t2 }, { contactId: bert.id, tagId: t1 }]);
  await db.insert(contactAttributeValues).values([
    { contactId: anna.id, attributeId: id(keys.text), textValue: "Gold member" },
    { contactId: anna.id, attributeId: id(keys.number), numberValue: "10" },
    { contactId: anna.id, attributeId: id(keys.date), dateValue: "2024-05-01" },
    { contactId: anna.id, attributeId: id(keys.dropdown), textValue: "Pro" },
    { contactId: anna.id, attributeId: id(keys.boolean), boolValue: true },
    { contactId: bert.id, attributeId: id(keys.number), numberValue: "20" },
    { contactId: bert.id, attributeId: id(keys.dropdown), textValue: "Free" },
    { contactId: bert.id, attributeId: id(keys.boolean), boolValue: false },
  ]);
  fields = filterFields(await db.select().from(attributeDefinitions));
});

describe("text operators", () => {
  it.each([
    ["company", "is", "acme corp", ["Anna"]],
    ["company", "is_not", "Acme Corp", ["Bert", "Cleo"]],
    ["company", "contains", "ME CO", ["Anna"]],
    ["company", "not_contains", "acme", ["Bert", "Cleo"]],
    ["company", "starts_with", "ac", ["Anna"]],
    ["company", "is_empty", undefined, ["Bert", "Cleo"]],
    ["company", "is_not_empty", undefined, ["Anna"]],
    ["name", "contains", "nna", ["Anna"]],
  ])("%s %s %j", async (field, op, value, expected) => expect(await one(field, op, value)).toEqual(expected));

  it("works on text custom attributes, with no value counting as empty", async () => {
    expect(await one(attr.text!, "contains", "gold")).toEqual(["Anna"]);
    expect(await one(attr.text!, "is", "GOLD MEMBER")).toEqual(["Anna"]);
    expect(await one(attr.text!, "is_not", "gold member")).toEqual(["Bert", "Cleo"]);
    expect(await one(attr.text!, "not_contains", "gold")).toEqual(["Bert", "Cleo"]);
    expect(await one(attr.text!, "starts_with", "Gol")).toEqual(["Anna"]);
    expect(await one(attr.text!, "is_empty")).toEqual(["Bert", "Cleo"]);
    expect(await one(attr.text!, "is_not_empty")).toEqual(["Anna"]);
  });
});

describe("number, date, enum, boolean, tags, presence and agent operators", () => {
  it.each([
    ["number", "eq", 10, ["Anna"]],
    ["number", "neq", 10, ["Bert", "Cleo"]],
    ["number", "lt", 15, ["Anna"]],
    ["number", "gt", "15", ["Bert"]],
    ["number", "between", [5, 20], ["Anna", "Bert"]],
    ["number", "is_empty", undefined, ["Cleo"]],
    ["date", "before", "2024-05-02", ["Anna"]],
    ["date", "after", "2024-05-01", []],
    ["date", "between", ["2024-01-01", "2024-12-31"], ["Anna"]],
    ["date", "is_empty", undefined, ["Bert", "Cleo"]],
    ["dropdown", "any_of", ["Pro", "Free"], ["Anna", "Bert"]],
    ["dropdown", "none_of", ["Pro"], ["Bert", "Cleo"]],
    ["boolean", "is_true", undefined, ["Anna"]],
    ["boolean", "is_false", undefined, ["Bert", "Cleo"]],
  ])("custom %s %s %j", async (type, op, value, expected) => expect(await one(attr[type]!, op, value)).toEqual(expected));

  it.each([
    ["createdAt", "before", "2025-06-01", ["Anna"]],
    ["createdAt", "after", "2025-06-01", ["Cleo"]],
    ["createdAt", "between", ["2025-06-01", "2025-06-02"], ["Bert", "Cleo"]],
    ["lastInteractionAt", "in_last_days", 30, ["Bert"]],
    ["lastInteractionAt", "more_than_days_ago", 90, ["Anna"]],
    ["lastInteractionAt", "is_empty", undefined, ["Cleo"]],
    ["country", "any_of", ["DE"], ["Anna"]],
    ["country", "none_of", ["DE"], ["Bert", "Cleo"]],
    ["leadStage", "any_of", ["customer", "contact"], ["Bert", "Cleo"]],
    ["blocked", "is_true", undefined, ["Anna"]],
    ["blocked", "is_false", undefined, ["Bert", "Cleo"]],
    ["phones", "exists", undefined, ["Anna", "Bert"]],
    ["emails", "not_exists", undefined, ["Bert"]],
    ["favoriteAgent", "is_unassigned", undefined, ["Cleo"]],
  ])("%s %s %j", async (field, op, value, expected) => expect(await one(field, op, value)).toEqual(expected));

  it("tags: has any, all and none of", async () => {
    expect(await one("tags", "has_any", [t1, t2])).toEqual(["Anna", "Bert"]);
    expect(await one("tags", "has_all", [t1, t2])).toEqual(["Anna"]);
    expect(await one("tags", "has_none", [t2])).toEqual(["Bert", "Cleo"]);
  });

  it("favorite agent: any of, and is me for whoever asks", async () => {
    expect(await one("favoriteAgent", "any_of", [other])).toEqual(["Bert"]);
    expect(await one("favoriteAgent", "is_me")).toEqual(["Anna"]);
    expect(await run({ join: "and", conditions: [{ field: "favoriteAgent", op: "is_me" }] }, other)).toEqual(["Bert"]);
  });
});

describe("grouping and refusal", () => {
  it("joins conditions with AND / OR and one level of groups", async () => {
    expect(await run({ join: "and", conditions: [{ field: "tags", op: "has_any", value: [t1] }, { field: "country", op: "any_of", value: ["US"] }] })).toEqual(["Bert"]);
    expect(await run({ join: "or", conditions: [{ field: "country", op: "any_of", value: ["DE"] }, { field: "leadStage", op: "any_of", value: ["contact"] }] })).toEqual(["Anna", "Cleo"]);
    expect(
      await run({
        join: "and",
        conditions: [
          { field: "phones", op: "exists" },
          { join: "or", conditions: [{ field: attr.number!, op: "gt", value: 15 }, { field: "company", op: "contains", value: "acme" }] },
          { join: "and", conditions: [] },
        ],
      }),
    ).toEqual(["Anna", "Bert"]);
  });

  it("rejects unknown fields, misfit operators and bad values, and never runs them as SQL", async () => {
    await expect(one("password_hash", "is", "x")).rejects.toThrow(/Unknown field “password_hash”/);
    await expect(one("c.id; drop table contacts; --", "is", "x")).rejects.toThrow(/Unknown field/);
    await expect(one("createdAt", "contains", "2024")).rejects.toThrow(/does not apply to Created/);
    await expect(one(attr.number!, "gt", "ten")).rejects.toThrow(/Score >/);
    await expect(one("country", "any_of", ["Germany'); drop table contacts; --"])).rejects.toThrow(/not one of the options/);
    await expect(one("tags", "has_any", [])).rejects.toThrow(/Pick at least one/);
    await expect(one("lastInteractionAt", "in_last_days", 0)).rejects.toThrow(/At least 1 day/);
    await expect(run({ join: "xor", conditions: [] })).rejects.toThrow(/not valid/);
    // A value full of SQL is only ever a bound parameter.
    expect(await one("company", "contains", "' or 1=1 --")).toEqual([]);
    const [{ n }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from ${contacts}`)) as unknown as [{ n: number }];
    expect(n).toBeGreaterThan(0);
  });
});
