import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { attributeDefinitions, contactAttributeValues } from "@/db/schema";
import type { AttributeType } from "@/db/schema/enums";
import { makeContact, unique } from "@/lib/testing/factories";
import { DEFAULT_COLUMNS, listColumns } from "./columns";
import { EXACT_COUNT_LIMIT, listContacts } from "./list";
import { DEFAULT_LIST_PARAMS, parseListParams, type ListParams } from "./list-params";

async function columns() {
  const attributes = await db.select().from(attributeDefinitions);
  return listColumns(attributes);
}

async function search(params: Partial<ListParams>) {
  const all = await columns();
  return listContacts(db, { ...DEFAULT_LIST_PARAMS, ...params }, { columns: all, visible: [...DEFAULT_COLUMNS], defaultCountry: "US" });
}
const ids = (r: { rows: { id: number }[] }) => r.rows.map((x) => x.id);

/** A valid US number whose last seven digits are unique to this test run. */
function phoneWithTail() {
  const tail = String(Math.floor(Math.random() * 10_000)).padStart(4, "0");
  return { e164: `+1319555${tail}`, tail };
}

async function attribute(type: AttributeType, options: string[] = []) {
  const key = unique("a_");
  const [def] = await db.insert(attributeDefinitions).values({ key, label: key, type, options }).returning();
  return def!;
}

describe("quick search", () => {
  it("finds a substring of first, last and full name, ignoring case", async () => {
    const tok = unique("Qx");
    const c = await makeContact({ firstName: "Zelda", lastName: tok });
    for (const q of ["zelda", tok.toUpperCase(), `elda ${tok.slice(0, 6)}`, tok.slice(3, 8).toLowerCase()]) {
      expect(ids(await search({ search: q })), q).toContain(c.id);
    }
    expect(ids(await search({ search: `${tok}zzz` }))).toEqual([]);
  });

  it("finds a substring of any e-mail", async () => {
    const tok = unique("mail");
    const c = await makeContact({}, { emails: [`first@one.test`.replace("first", `${tok}a`), `${tok}.second@Two.test`] });
    expect(ids(await search({ search: `${tok}.SECOND@two` }))).toEqual([c.id]);
    expect(ids(await search({ search: `${tok}a@one` }))).toEqual([c.id]);
  });

  it("keeps punctuation significant: the index ignores it, the match does not", async () => {
    const tok = unique("pn").toLowerCase();
    const dotted = await makeContact({}, { emails: [`john.${tok}@x.test`] });
    await makeContact({}, { emails: [`john${tok}@x.test`] });
    expect(ids(await search({ search: `n.${tok}` }))).toEqual([dotted.id]);
    expect(ids(await search({ search: `${tok}@x.te` })).length).toBe(2);
  });

  it("matches phone digits whatever the formatting", async () => {
    const { e164, tail } = phoneWithTail();
    const c = await makeContact({ lastName: unique() }, { phones: [e164] });
    for (const q of [`555 ${tail}`, `555${tail}`, `+1 319 555 ${tail}`, `(319) 555-${tail}`, `319.555.${tail}`]) {
      expect(ids(await search({ search: q, size: 100 })), q).toContain(c.id);
    }
  });

  it("matches whole words of text, number and dropdown custom attributes, not booleans or dates", async () => {
    const [text, num, drop, bool, date] = await Promise.all([
      attribute("text"),
      attribute("number"),
      attribute("dropdown", ["Platinum", "Basic"]),
      attribute("boolean"),
      attribute("date"),
    ]);
    const word = unique("Word").toLowerCase();
    const c = await makeContact();
    const n = 700_000 + Math.floor(Math.random() * 99_999);
    await db.insert(contactAttributeValues).values([
      { contactId: c.id, attributeId: text!.id, textValue: `Gold ${word} member` },
      { contactId: c.id, attributeId: num!.id, numberValue: String(n) },
      { contactId: c.id, attributeId: drop!.id, textValue: "Platinum" },
      { contactId: c.id, attributeId: bool!.id, boolValue: true },
      { contactId: c.id, attributeId: date!.id, dateValue: "2031-07-04" },
    ]);
    expect(ids(await search({ search: word.toUpperCase() }))).toEqual([c.id]);
    expect(ids(await search({ search: `${word} member` }))).toEqual([c.id]);
    expect(ids(await search({ search: word.slice(0, -2) }))).toEqual([]);
    expect(ids(await search({ search: String(n), size: 100 }))).toContain(c.id);
    expect(ids(await search({ search: "platinum", size: 100 }))).toContain(c.id);
    expect(ids(await search({ search: "2031-07-04", size: 100 }))).not.toContain(c.id);
  });

  it("lists a contact whose whole e-mail or phone equals the search first", async () => {
    const tok = unique("ex");
    const exact = await makeContact({ lastInteractionAt: new Date("2020-01-01") }, { emails: [`${tok}@x.test`] });
    const containing = await makeContact({ lastInteractionAt: new Date() }, { emails: [`a${tok}@x.test`] });
    expect(ids(await search({ search: `${tok}@x.test` }))).toEqual([exact.id, containing.id]);
    expect(ids(await search({ search: `${tok}@X.TEST` }))[0]).toBe(exact.id);
  });

  it("keeps pages consistent when an exact match is pinned first", async () => {
    const tok = unique("pg");
    const exact = await makeContact({ lastName: tok, lastInteractionAt: new Date("2000-01-01") }, { emails: [`${tok}@x.test`] });
    const others = [];
    for (let i = 0; i < 30; i++) others.push(await makeContact({ lastName: `${tok}x${i}` }, { emails: [`${i}${tok}@x.test`] }));
    const page1 = await search({ search: `${tok}@x.test`, size: 25, page: 1 });
    const page2 = await search({ search: `${tok}@x.test`, size: 25, page: 2 });
    expect(ids(page1)[0]).toBe(exact.id);
    const seen = [...ids(page1), ...ids(page2)];
    expect(new Set(seen).size).toBe(31);
    expect(page1.total).toEqual({ count: 31, exact: true });
  });
});

describe("order", () => {
  it("sorts on a column both ways with the id breaking ties, stable across pages", async () => {
    const tok = unique("So");
    const made = [];
    for (const first of ["Bea", "Al", "Al", "Cy", "Al"]) made.push(await makeContact({ firstName: first, lastName: tok }));
    const asc = await search({ search: tok, sort: { column: "name", desc: false } });
    const alIds = made.filter((m) => m.firstName === "Al").map((m) => m.id).sort((a, b) => a - b);
    expect(ids(asc)).toEqual([...alIds, made[0]!.id, made[3]!.id]);
    const desc = await search({ search: tok, sort: { column: "name", desc: true } });
    expect(ids(desc)).toEqual([...ids(asc)].reverse());
    const p1 = await search({ search: tok, sort: { column: "name", desc: false }, size: 25 });
    expect(ids(p1)).toEqual(ids(asc));
  });

  it("defaults to last interaction, newest first, with never-contacted last", async () => {
    const tok = unique("Li");
    const never = await makeContact({ lastName: tok });
    const old = await makeContact({ lastName: tok, lastInteractionAt: new Date("2021-01-01") });
    const recent = await makeContact({ lastName: tok, lastInteractionAt: new Date("2025-01-01") });
    expect(ids(await search({ search: tok }))).toEqual([recent.id, old.id, never.id]);
  });

  it("sorts by a custom attribute, contacts without a value last, across page boundaries", async () => {
    const num = await attribute("number");
    const tok = unique("Ca");
    const made = [];
    for (let i = 0; i < 30; i++) made.push(await makeContact({ lastName: tok }));
    // 27 contacts have a value (descending with their index), 3 have none.
    await db.insert(contactAttributeValues).values(made.slice(0, 27).map((m, i) => ({ contactId: m.id, attributeId: num.id, numberValue: String(100 - i) })));
    const sort = { column: `attr:${num.key}`, desc: false };
    const p1 = await search({ search: tok, sort, size: 25, page: 1 });
    const p2 = await search({ search: tok, sort, size: 25, page: 2 });
    const expected = [...made.slice(0, 27).map((m) => m.id).reverse(), ...made.slice(27).map((m) => m.id)];
    expect([...ids(p1), ...ids(p2)]).toEqual(expected);
    expect(p1.rows[0]!.cells[`attr:${num.key}`]).toBeUndefined();
  });
});

describe("counting and parameters", () => {
  it("counts exactly past the probe's limit on a table too small to sample", async () => {
    const tok = unique("many");
    await db.execute(sql`
      insert into contacts (contact_key, last_name)
      select ${tok} || '-' || g, ${tok} from generate_series(1, ${EXACT_COUNT_LIMIT + 50}) g`);
    await db.execute(sql`analyze contacts`);
    const result = await search({ search: tok, size: 25 });
    expect(result.rows).toHaveLength(25);
    // Not the planner's "about": the probe stops at EXACT_COUNT_LIMIT + 1, a bounded count goes on.
    expect(result.total).toEqual({ count: EXACT_COUNT_LIMIT + 50, exact: true });
    // Read in index order: never contacted, so by id, newest first.
    const top = await db.execute<{ id: number }>(sql`select id from contacts where last_name = ${tok} order by id desc limit 25`);
    expect(ids(result)).toEqual(top.map((r) => Number(r.id)));
    const page2 = await search({ search: tok, size: 25, page: 2 });
    expect(ids(page2)[0]).toBeLessThan(ids(result)[24]!);
  });

  it("serves the default view for malformed URL parameters", async () => {
    const tok = unique("Lit");
    const literal = await makeContact({ lastName: `${tok}%_%` });
    await makeContact({ lastName: `${tok}xyz` });
    const all = await columns();
    const params = parseListParams(
      { page: "-5", size: "7", sort: "pg_sleep(10).asc", q: `${tok}%_%` },
      new Set(all.filter((c) => c.sortable).map((c) => c.id)),
    );
    expect(params).toEqual({ ...DEFAULT_LIST_PARAMS, search: `${tok}%_%` });
    const result = await listContacts(db, params, { columns: all, visible: ["name"], defaultCountry: "US" });
    // "%" and "_" are searched literally, not as wildcards: the "xyz" contact does not match.
    expect(ids(result)).toEqual([literal.id]);
  });
});

describe("when a sample decides the plan (as from 50 000 contacts)", () => {
  it("lists the same pages for common and rare searches, with and without a filter", async () => {
    const tok = unique("Dense");
    await db.execute(sql`
      insert into contacts (contact_key, first_name, last_name, country, last_interaction_at)
      select ${tok} || '-' || g, case when g % 200 = 0 then 'Rare' || ${tok} else 'Common' end, ${tok},
             case when g % 2 = 0 then 'DE' else 'FR' end, now() - make_interval(mins => g)
      from generate_series(1, 3000) g`);
    await db.execute(sql`analyze contacts`);
    const all = await columns();
    const de = sql`c.country = 'DE'`;
    const cases: [Partial<ListParams>, typeof de | undefined][] = [
      [{ search: tok.toLowerCase() }, undefined],
      [{ search: tok.toLowerCase(), page: 3 }, de],
      [{ search: `rare${tok}`.toLowerCase() }, undefined],
      [{ search: `rare${tok}`.toLowerCase() }, de],
    ];
    for (const [params, where] of cases) {
      const options = { columns: all, visible: ["name"], defaultCountry: "US", where };
      const plain = await listContacts(db, { ...DEFAULT_LIST_PARAMS, ...params }, options);
      const sampled = await listContacts(db, { ...DEFAULT_LIST_PARAMS, ...params }, { ...options, sampleFrom: 0 });
      expect(plain.rows.length).toBeGreaterThan(0);
      expect(ids(sampled)).toEqual(ids(plain));
      // Unsampled (a small table) every total is exact; sampled, a common search is estimated.
      expect(plain.total.exact).toBe(true);
      if (sampled.total.exact) expect(sampled.total).toEqual(plain.total);
    }
    // The common search is estimated from the sample, the rare one (under 1 % of any sample) counted: 3000 / 200.
    const rare = await listContacts(db, { ...DEFAULT_LIST_PARAMS, search: `rare${tok}`.toLowerCase() }, { columns: all, visible: ["name"], defaultCountry: "US", sampleFrom: 0 });
    expect(rare.total).toEqual({ count: 15, exact: true });
  });
});
