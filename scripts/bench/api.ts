/**
 * `--only api` (issue 15): the public API through HTTP against the built app (`next start` on the
 * bench database), each figure beside the domain function the route calls, run in this process on
 * the same database in the same run:
 *  - api.search / api.filter / api.first_page / api.deep_page: `GET /api/v1/contacts` against
 *    `listContactPage` (lib/contacts/pages.ts) with the same parameters, taking turns at going first;
 *  - api.create: `POST /api/v1/contacts` from 20 concurrent clients against `createContact` from 20
 *    concurrent callers: creates per second and latency.
 * The write token is inserted directly; everything added (token, contacts, their audit entries) is
 * removed at the end.
 */
import { randomBytes } from "node:crypto";
import { inArray, like } from "drizzle-orm";
import type postgres from "postgres";
import { db, rawSql } from "../../db";
import { contactEmails, contacts } from "../../db/schema";
import { tokenOwner } from "../../lib/api-tokens/tokens";
import { apiTokenActor } from "../../lib/audit";
import { createContact } from "../../lib/contacts/create";
import { contactPageInput, cursorOf, listContactPage } from "../../lib/contacts/pages";
import type { Filter } from "../../lib/filters/schema";
import { concurrently, startBenchApp } from "./app-server";
import { figure, round, timed, type Figure } from "./stats";
import { deleteBenchAuditEntries } from "./erase-audit";

export interface ApiFigure extends Figure {
  /** p95 through HTTP ÷ p95 of the domain function (target ≤ 1.5). */
  p95_ratio: number;
  per_s?: number;
  raw_per_s?: number;
}

type Params = Record<string, string>;

/** Deep pages start at a real row's (value, id), found here untimed; the cursor is the route's own format. */
const DEEP_SORTS: Record<string, { order: string; value: string; notNull: string }> = {
  "-last_interaction_at": {
    order: "last_interaction_at desc nulls last, id desc",
    value: `to_char(last_interaction_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    notNull: "last_interaction_at is not null",
  },
  full_name: { order: "lower(full_name), id", value: "lower(full_name)", notNull: "full_name is not null" },
  "-created_at": { order: "created_at desc, id desc", value: `to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, notNull: "true" },
};

async function deepCursor(sql: postgres.Sql, sort: string, offset: number): Promise<string> {
  const s = DEEP_SORTS[sort]!;
  const [row] = await sql.unsafe<{ id: string; v: string }[]>(`select id, ${s.value} as v from contacts where ${s.notNull} order by ${s.order} offset ${offset} limit 1`);
  return cursorOf(contactPageInput.parse({ sort }), { value: row!.v, id: Number(row!.id) });
}

/** The body POST /api/v1/contacts takes for the same contact createContact makes (one e-mail, names, company). */
function createBody(stamp: string, i: number) {
  return { first_name: "Api", last_name: `Bench ${i}`, company: "Api Bench", emails: [{ email: `api-${stamp}-${i}@bench.test` }] };
}

export async function benchApi(url: string, sql: postgres.Sql, options: { runs: number; creates: number; log: (m: string) => void }): Promise<ApiFigure[]> {
  const { runs, log } = options;
  const app = await startBenchApp(url, "api bench");
  const { base, headers, token } = app;
  const created: number[] = [];
  const figures: ApiFigure[] = [];
  try {
    const names = await sql<{ first_name: string; last_name: string }[]>`
      select first_name, last_name from contacts where contact_key like 'B-%' and last_name is not null order by random() limit ${runs + 3}`;
    const tagIds = (await sql<{ id: string }[]>`select id from tags where name like 'Bench tag %' order by id`).map((t) => Number(t.id));
    const countries = ["DE", "US", "FR", "IN", "GB"];
    const filterOf = (i: number): Filter =>
      i % 2
        ? { join: "and", conditions: [{ field: "leadStage", op: "any_of", value: [["lead", "customer", "opportunity"][i % 3]!] }, { field: "country", op: "any_of", value: [countries[i % 5]!] }] }
        : {
            join: "and",
            conditions: [
              { field: "tags", op: "has_any", value: [tagIds[i % tagIds.length]!] },
              { field: "country", op: "any_of", value: [countries[i % 5]!] },
              { field: "lastInteractionAt", op: "more_than_days_ago", value: 1 + (i % 200) },
            ],
          };
    const total = Number((await sql<{ n: string }[]>`select count(*) as n from contacts`)[0]!.n);
    const sorts = Object.keys(DEEP_SORTS);
    const deep: string[] = [];
    for (let i = 0; i < runs + 3; i++) deep.push(await deepCursor(sql, sorts[i % sorts.length]!, Math.floor(total * (0.3 + (0.4 * i) / (runs + 3)))));

    const scenarios: [string, (i: number) => Params][] = [
      ["api.search", (i) => ({ q: (i % 2 ? names[i]!.last_name : names[i]!.first_name).slice(i % 3, (i % 3) + 4).toLowerCase() })],
      ["api.filter", (i) => ({ filter: JSON.stringify(filterOf(i)), sort: "-last_interaction_at" })],
      ["api.first_page", (i) => ({ sort: sorts[i % sorts.length]!, limit: String([25, 50, 100][i % 3]) })],
      ["api.deep_page", (i) => ({ sort: sorts[i % sorts.length]!, cursor: deep[i]! })],
    ];
    const user = () => tokenOwner(token.id);
    for (const [name, make] of scenarios) {
      const http: number[] = [];
      const direct: number[] = [];
      for (let i = -3; i < runs; i++) {
        const params = make(i + 3);
        const viaHttp = () =>
          timed(async () => {
            const res = await fetch(`${base}/api/v1/contacts?${new URLSearchParams(params)}`, { headers });
            const body = await res.text();
            if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${body.slice(0, 300)}`);
          });
        const viaLib = () => timed(() => listContactPage(db, params, { user }));
        const [first, second] = i % 2 === 0 ? [viaHttp, viaLib] : [viaLib, viaHttp];
        const [a] = await first();
        const [b] = await second();
        if (i >= 0) {
          http.push(i % 2 === 0 ? a : b);
          direct.push(i % 2 === 0 ? b : a);
        }
      }
      const f = figure(name, http, direct);
      const withRatio = { ...f, p95_ratio: round(f.p95_ms / f.raw_p95_ms) };
      log(`${name}: median ${f.median_ms} ms, p95 ${f.p95_ms} ms (listContactPage ${f.raw_median_ms} / ${f.raw_p95_ms}), p95 ratio ${withRatio.p95_ratio}`);
      figures.push(withRatio);
    }

    // Creates: 20 clients through HTTP, then 20 concurrent callers of the domain function.
    const stamp = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
    const clients = 20;
    const viaHttp = await concurrently(clients, { total: options.creates }, async (i) => {
      const res = await fetch(`${base}/api/v1/contacts`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: JSON.stringify(createBody(`h${stamp}`, i)),
      });
      const body = (await res.json()) as { contact_id?: string };
      if (res.status !== 201) throw new Error(`HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    });
    const actor = apiTokenActor(token);
    const viaLib = await concurrently(clients, { total: options.creates }, async (i) => {
      const b = createBody(`d${stamp}`, i);
      const { id } = await createContact({ firstName: b.first_name, lastName: b.last_name, company: b.company, email: b.emails[0]!.email }, actor);
      created.push(id);
    });
    const httpIds = await db.select({ id: contactEmails.contactId }).from(contactEmails).where(like(contactEmails.emailNormalized, `api-h${stamp}-%`));
    created.push(...httpIds.map((r) => r.id));
    for (const [what, r] of [["HTTP", viaHttp], ["createContact", viaLib]] as const) {
      if (r.errors.length) log(`api.create (${what}): ${r.errors.length} errors, e.g. ${r.errors[0]}`);
    }
    const f = figure("api.create", viaHttp.times, viaLib.times);
    const create: ApiFigure = {
      ...f,
      p95_ratio: round(f.p95_ms / f.raw_p95_ms),
      per_s: round(viaHttp.times.length / viaHttp.seconds),
      raw_per_s: round(viaLib.times.length / viaLib.seconds),
    };
    log(`api.create (${clients} clients): ${create.per_s} creates/s, p95 ${create.p95_ms} ms (createContact: ${create.raw_per_s} creates/s, p95 ${create.raw_p95_ms} ms)`);
    figures.push(create);
  } finally {
    await app.stop();
    if (created.length) {
      const sql = rawSql();
      await deleteBenchAuditEntries(sql, sql`entity_type = 'contact' and entity_id = any(${`{${created.join(",")}}`}::text[])`);
      await db.delete(contacts).where(inArray(contacts.id, created));
    }
  }
  return figures;
}
