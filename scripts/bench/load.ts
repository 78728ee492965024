import { readFileSync } from "node:fs";
import path from "node:path";
import type postgres from "postgres";
import { connect } from "../../db/client";
import { DEMO_PASSWORD, DEMO_USERS, seedUsers } from "../../db/seed";
import { filterToParam } from "../../lib/filters/schema";
import { ROOT } from "../lib/proc";
import { startAppServers } from "./app-server";
import { percentile, round } from "./stats";

export interface LoadFigure {
  name: string;
  requests: number;
  errors: number;
  median_ms: number;
  p95_ms: number;
  max_ms: number;
}

interface Sample {
  ids: number[];
  words: string[];
}

type Route = "list" | "search" | "filter" | "profile" | "edit";
/** What a user of the list does most: browse and search; open a profile; now and then edit a field. */
const MIX: [Route, number][] = [["list", 25], ["search", 30], ["filter", 15], ["profile", 20], ["edit", 10]];

/** The cookie of a signed-in session, through next-auth's credentials sign-in as a browser posts it. */
export async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`Sign-in as ${email} failed (${res.status})`);
  return `${jar}; ${session.split(";")[0]}`;
}

/** The id the built app gives a server action (Next's manifest), to call it as the profile's form does. */
function actionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.filename === file && v.exportedName === exportedName);
  if (!found) throw new Error(`No server action ${exportedName} in ${file}`);
  return found[0];
}

async function sample(sql: postgres.Sql): Promise<Sample> {
  const rows = await sql<{ id: number; last_name: string }[]>`
    select id, last_name from contacts tablesample system (1) repeatable (7) where last_name is not null limit 2000`;
  return { ids: rows.map((r) => Number(r.id)), words: [...new Set(rows.map((r) => r.last_name.slice(0, 4).toLowerCase()))] };
}

/**
 * `--only load`: `clients` clients, each signed in with a session of its own, browse, search, filter, open profiles and edit for
 * `seconds` against the built app (`next start`) on the bench database. Every answer must be a 2xx
 * (and an edit `ok`); the figures are per route. There is no raw baseline: the figure is the app's.
 */
export async function benchLoad(url: string, options: { clients: number; seconds: number; instances?: number; log: (m: string) => void }): Promise<LoadFigure[]> {
  const { log } = options;
  const { sql, db } = connect(url, { max: 2 });
  await seedUsers(db);
  const data = await sample(sql);
  const servers = await startAppServers(url, { instances: options.instances ?? 1, label: "load-bench" });
  const base = servers.base;
  const times = new Map<Route, number[]>(MIX.map(([r]) => [r, []]));
  const errors = new Map<Route, string[]>(MIX.map(([r]) => [r, []]));
  try {
    // Every client signs in on its own: its own session, re-read on each request like a browser's;
    // the clients take turns among the demo admin, supervisor and agent.
    const cookies: string[] = [];
    for (let client = 0; client < options.clients; client++) cookies.push(await signIn(base, DEMO_USERS[client % DEMO_USERS.length]!.email));
    const editId = actionId("app/(dashboard)/contacts/[contactId]/actions.ts", "updateAttributesAction");
    const filter = filterToParam({ join: "and", conditions: [{ field: "leadStage", op: "any_of", value: ["customer"] }] })!;
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
    const total = MIX.reduce((s, [, w]) => s + w, 0);
    const route = (): Route => {
      let x = Math.random() * total;
      for (const [r, w] of MIX) if ((x -= w) < 0) return r;
      return "list";
    };

    async function request(r: Route, client: number): Promise<void> {
      const headers = { cookie: cookies[client]! };
      let res: Response;
      if (r === "edit") {
        // Each client edits contacts of its own, so two edits never race for one version.
        const id = data.ids[(client + 1) * 7 % data.ids.length]!;
        const [{ version }] = (await sql`select version from contacts where id = ${id}`) as unknown as [{ version: number }];
        res = await fetch(`${base}/contacts/${id}`, {
          method: "POST",
          headers: { ...headers, "next-action": editId, "content-type": "text/plain;charset=UTF-8", origin: base, accept: "text/x-component" },
          body: JSON.stringify([{ contactId: id, version, fields: { jobTitle: `Load ${client} ${Date.now() % 100000}` } }]),
        });
        const body = await res.text();
        if (res.ok && !body.includes('"ok":true')) throw new Error(`edit refused: ${body.slice(0, 200)}`);
      } else {
        const target = {
          list: `/contacts?page=${1 + Math.floor(Math.random() * 20)}`,
          search: `/contacts?q=${encodeURIComponent(pick(data.words))}`,
          filter: `/contacts?filter=${encodeURIComponent(filter)}`,
          profile: `/contacts/${pick(data.ids)}`,
        }[r];
        res = await fetch(`${base}${target}`, { headers });
        await res.arrayBuffer();
      }
      if (!res.ok) throw new Error(`${r}: HTTP ${res.status}`);
    }

    const deadline = Date.now() + options.seconds * 1000;
    let done = 0;
    const progress = setInterval(() => log(`load: ${done} requests, ${Math.max(0, Math.round((deadline - Date.now()) / 1000))} s left`), 30_000);
    await Promise.all(
      Array.from({ length: options.clients }, async (_, client) => {
        while (Date.now() < deadline) {
          const r = route();
          const t = performance.now();
          try {
            await request(r, client);
            times.get(r)!.push(performance.now() - t);
          } catch (error) {
            errors.get(r)!.push((error as Error).message);
          }
          done++;
        }
      }),
    );
    clearInterval(progress);
  } finally {
    await servers.stop();
    await sql.end();
  }
  return MIX.map(([r]) => {
    const t = times.get(r)!;
    const e = errors.get(r)!;
    if (e.length) log(`load.${r}: ${e.length} errors, e.g. ${e[0]}`);
    return { name: `load.${r}`, requests: t.length + e.length, errors: e.length, median_ms: round(percentile(t, 50)), p95_ms: round(percentile(t, 95)), max_ms: round(Math.max(...t)) };
  });
}
