import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getContacts } from "@/app/api/v1/contacts/route";
import { db } from "@/db";
import { attributeDefinitions, contacts, contactTags, type Contact, type User } from "@/db/schema";
import { DEFAULT_COLUMNS, listColumns } from "@/lib/contacts/columns";
import { listContacts } from "@/lib/contacts/list";
import { DEFAULT_LIST_PARAMS, type SortSpec } from "@/lib/contacts/list-params";
import { PAGE_SORTS } from "@/lib/contacts/pages";
import { updateContactField } from "@/lib/contacts/update";
import { compileFilter } from "@/lib/filters/compile";
import { loadFilterFields } from "@/lib/filters/context";
import type { Filter } from "@/lib/filters/schema";
import { createSegment, resolveView } from "@/lib/segments/segments";
import { makeToken } from "@/lib/testing/api-tokens";
import { makeTag } from "@/lib/testing/bulk-fixtures";
import { actorOf, makeContact, makeUser, unique } from "@/lib/testing/factories";

/**
 * GET /api/v1/contacts with filter, segment and sort: the same set as the list (listContacts with
 * the same segment, filter and search), in the same order as the list's sort, walked in keyset pages.
 */
let owner: User;
let auth: Record<string, string>;
beforeAll(async () => {
  owner = await makeUser("admin");
  auth = { authorization: `Bearer ${(await makeToken(owner, "read")).secret}` };
});

type Item = { contact_id: string; full_name: string | null; company: string | null; job_title: string | null; updated_at: string };
type Page = { data: Item[]; next_cursor: string | null };

const call = (params: Record<string, string>) => getContacts(new Request(`http://localhost/api/v1/contacts?${new URLSearchParams(params)}`, { headers: auth }));

async function page(params: Record<string, string>): Promise<Page> {
  const response = await call(params);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Page;
}

/** Every page of a query, following next_cursor; `between` runs after each page. */
async function walk(params: Record<string, string>, between: (n: number) => Promise<void> = async () => {}): Promise<Item[]> {
  const seen: Item[] = [];
  let cursor: string | null = null;
  let n = 0;
  do {
    const p: Page = await page({ ...params, ...(cursor ? { cursor } : {}) });
    expect(p.data.length).toBeLessThanOrEqual(Number(params.limit ?? 25));
    seen.push(...p.data);
    cursor = p.next_cursor;
    await between(++n);
  } while (cursor);
  return seen;
}

/** What the list shows for the same segment, filter, search and sort (one page of 100). */
async function listed(input: { segment?: string; filter?: Filter; q?: string; sort?: SortSpec | null }): Promise<string[]> {
  const ctx = { fields: await loadFilterFields(), userId: owner.id };
  const filter = input.filter ?? { join: "and" as const, conditions: [] };
  const view = input.segment
    ? await resolveView(input.segment, filter, owner, ctx)
    : { where: compileFilter(filter, ctx), perRowWhere: compileFilter(filter, { ...ctx, perRow: true }) };
  const columns = listColumns(await db.select().from(attributeDefinitions));
  const result = await listContacts(
    db,
    { ...DEFAULT_LIST_PARAMS, size: 100, search: input.q ?? "", sort: input.sort ?? null },
    { columns, visible: [...DEFAULT_COLUMNS], defaultCountry: "US", where: view.where, perRowWhere: view.perRowWhere },
  );
  expect(result.rows.length).toBeLessThan(100);
  const keys = await db.select({ id: contacts.id, key: contacts.contactKey }).from(contacts);
  const keyOf = new Map(keys.map((k) => [k.id, k.key]));
  return result.rows.map((r) => keyOf.get(r.id)!);
}

const companyIs = (company: string) => ({ field: "company", op: "is", value: company });
const keys = (items: Item[]) => items.map((c) => c.contact_id);

describe("GET /api/v1/contacts: filter, segment, search and sort as the list has them", () => {
  let company: string;
  let tagId: number;
  let made: Contact[];
  beforeAll(async () => {
    company = unique("Acme ");
    const tag = await makeTag(unique("Vip "));
    tagId = tag.id;
    const day = (d: number) => new Date(Date.UTC(2026, 0, d, 12, 0, 0, 123));
    const rows: Partial<typeof contacts.$inferInsert>[] = [
      { firstName: "Ada", lastName: "Zed", lastInteractionAt: day(3), createdAt: day(1) },
      { firstName: "bea", lastName: "Young", lastInteractionAt: null, createdAt: day(2) },
      { firstName: "Cy", lastName: "Xu", lastInteractionAt: day(3), createdAt: day(2), leadStage: "lead" },
      { firstName: null, lastName: null, lastInteractionAt: day(9), createdAt: day(4) },
      { firstName: "Dee", lastName: "Wu", lastInteractionAt: day(5), createdAt: day(5), blocked: true, blockedAt: day(5) },
      { firstName: "Eve", lastName: "Vo", lastInteractionAt: null, createdAt: day(6), archived: true, archivedAt: day(6) },
      { firstName: "Fay", lastName: "Ung", lastInteractionAt: day(1), createdAt: day(7), leadStage: "lead" },
      { firstName: "ada", lastName: "Zed", lastInteractionAt: day(2), createdAt: day(8) },
      { firstName: null, lastName: null, lastInteractionAt: null, createdAt: day(9) },
      { firstName: "Gus", lastName: "Tam", lastInteractionAt: day(7), createdAt: day(9) },
    ];
    made = [];
    for (const row of rows) made.push(await makeContact({ company, ...row }));
    // A second company among them, and half of them tagged.
    await db.update(contacts).set({ company: `${company} Two` }).where(eq(contacts.id, made[9]!.id));
    await db.insert(contactTags).values(made.filter((_, i) => i % 2 === 0).map((c) => ({ contactId: c.id, tagId })));
  });

  const mine = () => ({ join: "or" as const, conditions: [companyIs(company), companyIs(`${company} Two`)] });

  it("pages through a filter's set, blocked and archived included without a segment, as the list finds it", async () => {
    const filter = mine();
    const got = await walk({ filter: JSON.stringify(filter), limit: "3" });
    expect(got).toHaveLength(made.length);
    expect(keys(got).sort()).toEqual((await listed({ filter })).sort());
    expect(keys(got)).toEqual(made.map((c) => c.contactKey)); // no sort: by id
  });

  it("combines a segment with a filter and a search exactly as the list's tabs do", async () => {
    const tagged = { join: "and" as const, conditions: [{ join: "or" as const, conditions: mine().conditions }, { field: "tags", op: "has_any", value: [tagId] }] };
    for (const segment of ["all", "blocked", "archived", "leads"]) {
      for (const filter of [mine(), tagged]) {
        const got = keys(await walk({ segment, filter: JSON.stringify(filter), limit: "2" }));
        expect(got.sort(), `${segment} ${JSON.stringify(filter.conditions)}`).toEqual((await listed({ segment, filter })).sort());
      }
    }
    const all = keys(await walk({ segment: "all", filter: JSON.stringify(mine()) }));
    expect(all).not.toContain(made[4]!.contactKey); // blocked
    expect(all).not.toContain(made[5]!.contactKey); // archived
    expect(all).toHaveLength(made.length - 2);
    const searched = keys(await walk({ q: "zed", filter: JSON.stringify(mine()), limit: "1" }));
    expect(searched.sort()).toEqual([made[0]!.contactKey, made[7]!.contactKey].sort());
    expect(searched.sort()).toEqual((await listed({ q: "zed", filter: mine() })).sort());
  });

  it("takes a saved segment by id (the token creator's or a shared one)", async () => {
    const segment = await createSegment({ name: unique("Leads of "), filter: { join: "and", conditions: [companyIs(company), { field: "leadStage", op: "any_of", value: ["lead"] }] } }, owner, actorOf(owner));
    const got = keys(await walk({ segment: String(segment.id) }));
    expect(got.sort()).toEqual([made[2]!.contactKey, made[6]!.contactKey].sort());
    expect(got.sort()).toEqual((await listed({ segment: String(segment.id) })).sort());
  });

  it.each(Object.keys(PAGE_SORTS).flatMap((k) => [k, `-${k}`]))("sort=%s: the list's order for that column (no value last, ties by id), across pages", async (sort) => {
    const column = PAGE_SORTS[sort.replace(/^-/, "") as keyof typeof PAGE_SORTS].column;
    const filter = mine();
    const got = keys(await walk({ filter: JSON.stringify(filter), sort, limit: "3" }));
    expect(got).toEqual(await listed({ filter, sort: { column, desc: sort.startsWith("-") } }));
    expect(got).toHaveLength(made.length);
  });

  it("refuses with 400 a filter, segment, sort or cursor it cannot use, saying which", async () => {
    const good = JSON.stringify(mine());
    const { next_cursor: byName } = await page({ filter: good, sort: "full_name", limit: "2" });
    const { next_cursor: byDate } = await page({ filter: good, sort: "-created_at", limit: "2" });
    expect(byName && byDate).toBeTruthy();
    const forged = (value: unknown) => Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(byDate!, "base64url").toString()), v: value })).toString("base64url");
    const cases: [Record<string, string>, string][] = [
      [{ filter: "{not json" }, "filter"],
      [{ filter: JSON.stringify({ join: "and", conditions: "x" }) }, "filter.conditions"],
      [{ filter: JSON.stringify({ join: "and", conditions: [{ field: "nope", op: "is", value: "x" }] }) }, "filter"],
      [{ filter: JSON.stringify({ join: "and", conditions: [{ field: "company", op: "gt", value: 3 }] }) }, "filter"],
      [{ filter: JSON.stringify({ join: "and", conditions: [{ field: "createdAt", op: "before", value: "2026-02-31" }] }) }, "filter"],
      [{ segment: "nosuch" }, "segment"],
      [{ segment: "999999999" }, "segment"],
      [{ segment: "../x" }, "segment"],
      [{ sort: "first_name" }, "sort"],
      [{ sort: "created_at desc" }, "sort"],
      [{ cursor: "not*ours" }, "cursor"],
      [{ filter: good, sort: "-created_at", cursor: byName! }, "cursor"],
      [{ filter: JSON.stringify({ join: "and", conditions: [companyIs(company)] }), sort: "-created_at", cursor: byDate! }, "cursor"],
      [{ filter: good, sort: "-created_at", cursor: forged("yesterday") }, "cursor"],
      [{ filter: good, sort: "-created_at", cursor: forged(12) }, "cursor"],
    ];
    for (const [params, field] of cases) {
      const response = await call(params);
      const body = (await response.json()) as { error: { code: string; details?: Record<string, string[]> } };
      expect(response.status, JSON.stringify(params)).toBe(400);
      expect(body.error.code).toBe("bad_request");
      expect(Object.keys(body.error.details ?? {}), JSON.stringify(params)).toContain(field);
    }
    // The same cursor with its own query goes on.
    expect((await call({ filter: good, sort: "-created_at", cursor: byDate!, limit: "2" })).status).toBe(200);
  });
});

describe("GET /api/v1/contacts: walking a filtered, sorted set while it changes", () => {
  it("sort=full_name: every contact once, while contacts are inserted (before and after the cursor) and edited", async () => {
    const company = unique("Walk ");
    const names = ["Alma", "Bo", "Cleo", "Dan", "Ed", "Flo", "Gil", "Hal", "Ivy", "Jo", "Kai"];
    const original = await Promise.all(names.map((firstName) => makeContact({ company, firstName, lastName: "Walker" })));
    const added: Contact[] = [];
    const items = await walk({ filter: JSON.stringify({ join: "and", conditions: [companyIs(company)] }), sort: "full_name", limit: "3" }, async (n) => {
      if (n !== 1) return;
      // After "Alma, Bo, Cleo": one sorts before the cursor (not met), one after (met); edits move nothing.
      added.push(await makeContact({ company, firstName: "Aaron", lastName: "Walker" }), await makeContact({ company, firstName: "Zoe", lastName: "Walker" }));
      for (const c of [original[1]!, original[8]!]) await updateContactField({ contactId: c.id, version: c.version, field: "jobTitle", value: "Edited" }, actorOf(owner));
      await makeContact({ company: unique("Elsewhere "), firstName: "Bob", lastName: "Walker" });
    });
    const got = keys(items);
    expect(got).toHaveLength(new Set(got).size);
    expect(got).toEqual([...original.map((c) => c.contactKey), added[1]!.contactKey]);
    expect(items.find((c) => c.contact_id === original[8]!.contactKey)!.job_title).toBe("Edited");
  });

  it("sort=updated_at: no contact is missed, and one edited after it was met comes again with its change", async () => {
    const company = unique("Sync ");
    const original: Contact[] = [];
    for (let i = 0; i < 9; i++) original.push(await makeContact({ company, firstName: `N${i}`, updatedAt: new Date(Date.UTC(2026, 1, 1 + i)) }));
    const items = await walk({ filter: JSON.stringify({ join: "and", conditions: [companyIs(company)] }), sort: "updated_at", limit: "2" }, async (n) => {
      if (n !== 1) return;
      for (const c of [original[0]!, original[6]!]) await updateContactField({ contactId: c.id, version: c.version, field: "jobTitle", value: "Changed" }, actorOf(owner));
    });
    const got = keys(items);
    expect(new Set(got)).toEqual(new Set(original.map((c) => c.contactKey)));
    expect(got.filter((k) => k === original[0]!.contactKey)).toHaveLength(2);
    expect(got.filter((k) => k !== original[0]!.contactKey)).toHaveLength(original.length - 1);
    expect(items.at(-1)!.job_title).toBe("Changed");
    const times = items.map((c) => Date.parse(c.updated_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("keeps microseconds in the cursor: contacts a microsecond apart are neither skipped nor repeated", async () => {
    const company = unique("Micro ");
    const made = await Promise.all(Array.from({ length: 6 }, () => makeContact({ company })));
    await db.execute(sql`update contacts set created_at = '2026-03-01 10:00:00.000001+00'::timestamptz + (id % 3) * interval '1 microsecond' where company = ${company}`);
    const got = keys(await walk({ filter: JSON.stringify({ join: "and", conditions: [companyIs(company)] }), sort: "-created_at", limit: "1" }));
    expect(got.sort()).toEqual(made.map((c) => c.contactKey).sort());
    expect(got).toHaveLength(new Set(got).size);
  });
});
