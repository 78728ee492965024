import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as listRoute } from "@/app/api/v1/contacts/route";
import { GET as healthRoute } from "@/app/api/health/route";
import { closeDb, db, poolScoped, type Database } from "@/db";
import { attributeDefinitions } from "@/db/schema";
import { contactActions } from "@/lib/contacts/actions";
import { countContacts, listContacts } from "@/lib/contacts/list";
import { DEFAULT_LIST_PARAMS } from "@/lib/contacts/list-params";
import { loadListContext } from "@/lib/contacts/table-preferences";
import { exportStream, parseExportRequest, prepareExport } from "@/lib/export/export";
import { runBulkJob } from "@/lib/bulk/run";
import { startBulkAction } from "@/lib/bulk/start";
import { filterFields } from "@/lib/filters/fields";
import { EMPTY_FILTER } from "@/lib/filters/schema";
import { stopBoss } from "@/lib/jobs/boss";
import { segmentsWithCounts } from "@/lib/segments/counts";
import { resolveView } from "@/lib/segments/segments";
import { actAs } from "@/lib/testing/act-as";
import { makeToken } from "@/lib/testing/api-tokens";
import { contactApi, json } from "@/lib/testing/contact-api";
import { makeContact, makeUser, unique } from "@/lib/testing/factories";
import { startReplicaPair, type ReplicaPair } from "@/lib/testing/replica-pair";
import type { User } from "./schema";
import { readDb, replicaStatus, type Reader } from "./replica";

// DATABASE_REPLICA_URL against a real streaming replica of this file's own (lib/testing/replica-pair.ts):
// with its replay paused, another user's reads show the replica's old state while the writer reads
// its own writes back from the primary; once it catches up both read it there; when it is down,
// reads fall back to the primary. Which server answered is proven by pg_is_in_recovery() through
// the same reader, and by the paused replica's stale answers.

let pair: ReplicaPair;
const suiteUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  pair = await startReplicaPair();
  await closeDb();
  process.env.DATABASE_URL = pair.primaryUrl;
  process.env.DATABASE_REPLICA_URL = pair.replicaUrl;
}, 120_000);

afterAll(async () => {
  await stopBoss();
  await closeDb();
  process.env.DATABASE_URL = suiteUrl;
  delete process.env.DATABASE_REPLICA_URL;
  await pair?.stop();
});

async function onReplica(reader: Reader): Promise<boolean> {
  const [row] = await (await readDb(reader)).execute<{ recovery: boolean }>(sql`select pg_is_in_recovery() as recovery`);
  return row!.recovery;
}

async function ctxFor(user: User) {
  return { fields: filterFields(await db.select().from(attributeDefinitions)), userId: user.id };
}

/** What the list page (app/(dashboard)/contacts/page.tsx) reads for `user` on All contacts searched for `search`: its rows and total. */
async function listed(user: User, search: string) {
  const [context, view] = await Promise.all([loadListContext(user.id), resolveView("all", EMPTY_FILTER, user, await ctxFor(user))]);
  const result = await listContacts(await readDb({ user: user.id }), { ...DEFAULT_LIST_PARAMS, search }, { ...context, where: view.where, perRowWhere: view.perRowWhere });
  return { names: result.rows.map((r) => r.name).sort(), total: result.total.count };
}

/** The segment tabs' counts for `user`: the All tab's. */
async function allTab(user: User): Promise<number> {
  const ctx = await ctxFor(user);
  const segments = await segmentsWithCounts(await readDb({ user: user.id }), user, ctx);
  return segments.find((s) => s.key === "all")!.total!.count;
}

async function exported(user: User, search: string): Promise<string> {
  const prepared = await prepareExport(parseExportRequest(new URLSearchParams({ q: search, cols: "lastName" })), user);
  return new Response(await exportStream(prepared, user)).text();
}

async function apiList(secret: string, search: string): Promise<string[]> {
  const response = await listRoute(new Request(`http://localhost/api/v1/contacts?q=${encodeURIComponent(search)}`, { headers: { authorization: `Bearer ${secret}` } }));
  expect(response.status).toBe(200);
  return ((await json(response)).data as { last_name: string }[]).map((c) => c.last_name).sort();
}

describe("reads with a streaming replica (DATABASE_REPLICA_URL)", () => {
  let writer: User;
  let other: User;
  let writerToken: string;
  let writerTokenId: number;
  let otherToken: string;
  const tok = unique("Repl").toLowerCase();
  const before = `${tok}before`;
  const fromAction = `${tok}action`;
  const fromApi = `${tok}api`;
  let apiKey: string;

  beforeAll(async () => {
    [writer, other] = await Promise.all([makeUser("supervisor"), makeUser("supervisor")]);
    const made = await makeToken(writer, "write");
    [writerToken, writerTokenId] = [made.secret, made.token.id];
    otherToken = (await makeToken(other, "read")).secret;
    await makeContact({ firstName: null, lastName: before });
    await pair.caughtUp();
  });

  it("reads of a user without writes of their own go to the replica, which answers as the primary did", async () => {
    expect(await onReplica({ user: other.id })).toBe(true);
    expect(await onReplica({ user: writer.id })).toBe(true);
    expect((await listed(other, tok)).names).toEqual([before]);
    expect(await replicaStatus()).toMatchObject({ status: "ok", replayPaused: false });
  });

  it("keeps what poolScoped prepares per pool: a statement prepared for the replica runs there, the primary's on the primary", async () => {
    const prepare = (on: Database) => on.select({ recovery: sql<boolean>`pg_is_in_recovery()` }).from(sql`(select 1) as one`).prepare("replica_test_recovery");
    const replica = await readDb({ user: other.id });
    expect(await poolScoped("test.recovery", prepare, replica).execute()).toEqual([{ recovery: true }]);
    expect(await poolScoped("test.recovery", prepare).execute()).toEqual([{ recovery: false }]);
    expect(poolScoped("test.recovery", prepare, replica)).toBe(poolScoped("test.recovery", prepare, replica));
  });

  it("while the replica's replay is paused, the writer reads their own writes back from the primary and others read the replica's old state", async () => {
    const allBefore = await allTab(other);
    const exactBefore = await countContacts(db, sql`true`);
    await pair.pauseReplay();

    const created = await actAs(writer, contactActions.create, { lastName: fromAction, email: `${fromAction}@example.com` });
    expect(created.ok).toBe(true);
    apiKey = unique("API-");
    const posted = await contactApi(writerToken).create({ contact_id: apiKey, last_name: fromApi });
    expect(posted.status).toBe(201);

    // The writer (their session and their token) reads from the primary: both new contacts are there.
    expect(await onReplica({ user: writer.id })).toBe(false);
    expect(await onReplica({ token: writerTokenId })).toBe(false);
    expect((await listed(writer, tok)).names).toEqual([fromApi, fromAction, before].sort());
    expect(await allTab(writer)).toBe(allBefore + 2);
    expect(await exported(writer, tok)).toContain(fromAction);
    expect(await apiList(writerToken, tok)).toEqual([fromAction, fromApi, before].sort());
    expect((await contactApi(writerToken).read(apiKey)).status).toBe(200);

    // Another user and another token read the paused replica: the contacts are not there yet.
    expect(await onReplica({ user: other.id })).toBe(true);
    expect(await listed(other, tok)).toEqual({ names: [before], total: 1 });
    expect(await allTab(other)).toBe(allBefore);
    const stale = await exported(other, tok);
    expect(stale).toContain(before);
    expect(stale).not.toContain(fromAction);
    expect(await apiList(otherToken, tok)).toEqual([before]);
    expect((await contactApi(otherToken).read(apiKey)).status).toBe(404);
    // The primary has them, as an exact count there says.
    expect((await countContacts(db, sql`true`)).count).toBe(exactBefore.count + 2);

    // /api/health says how far behind the replica is.
    const health = await json(await healthRoute());
    expect(health).toMatchObject({ status: "ok", database: "ok", replica: { status: "ok", replayPaused: true } });
    expect((health.replica as { lagBytes: number }).lagBytes).toBeGreaterThan(0);
  });

  it("once the replica has caught up, everyone reads the new contacts from it, the writer included", async () => {
    await pair.resumeReplay();
    await pair.caughtUp();
    for (const user of [writer, other]) {
      expect(await onReplica({ user: user.id })).toBe(true);
      expect((await listed(user, tok)).names).toEqual([fromApi, fromAction, before].sort());
      expect(await exported(user, tok)).toContain(fromApi);
    }
    expect(await onReplica({ token: writerTokenId })).toBe(true);
    expect(await apiList(otherToken, tok)).toEqual([fromAction, fromApi, before].sort());
    expect((await contactApi(otherToken).read(apiKey)).status).toBe(200);
    expect(await replicaStatus()).toMatchObject({ status: "ok", replayPaused: false });
  });

  it("a bulk job's end counts as a write of whoever started it: they see its changes at once, others when the replica has them", async () => {
    const starter = await makeUser("supervisor");
    const people = await Promise.all([1, 2, 3].map((i) => makeContact({ firstName: null, lastName: `${tok}bulk${i}` })));
    await pair.caughtUp();
    await pair.pauseReplay();
    try {
      // Started and run as the queue does (not through an action), so the job's end is the only write noted.
      const job = await startBulkAction({ selection: { ids: people.map((p) => p.id) }, change: { action: "delete", confirmCount: 3 } }, starter, { inlineLimit: 0 });
      expect(await onReplica({ user: starter.id })).toBe(true);
      expect(await runBulkJob(job.id)).toMatchObject({ status: "completed", processed: 3 });
      expect(await onReplica({ user: starter.id })).toBe(false);
      expect((await listed(starter, `${tok}bulk`)).names).toEqual([]);
      expect((await listed(other, `${tok}bulk`)).names).toEqual(people.map((p) => p.lastName).sort());
    } finally {
      await pair.resumeReplay();
    }
    await pair.caughtUp();
    expect((await listed(other, `${tok}bulk`)).names).toEqual([]);
  });

  it("with the replica stopped, reads go to the primary (said once in the log) and /api/health says it is unreachable", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      await pair.stopReplica();
      const gone = `${tok}gone`;
      expect((await actAs(writer, contactActions.create, { lastName: gone, email: `${gone}@example.com` })).ok).toBe(true);
      for (let i = 0; i < 3; i++) {
        expect(await onReplica({ user: other.id })).toBe(false);
        expect((await listed(other, tok)).names).toContain(gone);
        expect(await apiList(otherToken, tok)).toContain(gone);
        // Past the second the replica is left alone for, so it is asked again (and fails again).
        await new Promise((r) => setTimeout(r, 600));
      }
      expect(await exported(other, tok)).toContain(gone);
      expect(warn.mock.calls.filter(([message]) => String(message).includes("read replica"))).toHaveLength(1);
      const health = await healthRoute();
      expect(health.status).toBe(200);
      expect(await json(health)).toMatchObject({ status: "ok", database: "ok", replica: { status: "unreachable" } });
    } finally {
      warn.mockRestore();
    }
  });
});

