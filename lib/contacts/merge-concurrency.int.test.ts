import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db } from "@/db";
import { connect, type Connection } from "@/db/client";
import { auditLog, contacts } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { ConflictError, pgError, ValidationError } from "@/lib/errors";
import { actorOf, makeUser } from "@/lib/testing/factories";
import { heldRows, lostRows, makeRichContact, makeTag } from "@/lib/testing/merge-fixtures";
import { mergeContacts } from "./merge";
import { loadContactSnapshots } from "./snapshot";

// The merges run on the app's pool (a connection each); the raw edits and lock probes on a pool of
// their own, so that they never wait behind the merges for a connection.
let editor: Connection;
let actor: Actor;

beforeAll(async () => {
  editor = connect(inject("databaseUrl"), { max: 3 });
  actor = actorOf(await makeUser("supervisor"));
});

afterAll(async () => {
  await editor.sql.end({ timeout: 5 });
});

const days = (...n: number[]) => n.map((d) => new Date(Date.UTC(2024, 0, d)));
const jitter = () => new Promise((r) => setTimeout(r, Math.random() * 8));

async function fiveContacts() {
  const shared = await makeTag();
  const make = async (values: Partial<typeof contacts.$inferInsert> = {}) =>
    makeRichContact(values, {
      phones: 1,
      emails: 1,
      externalIds: 1,
      tagIds: [shared, await makeTag()],
      links: ["https://crm.test/shared"],
      notes: days(1, 2),
      activities: days(3, 4, 5),
    });
  return [await make({ jobTitle: null }), await make(), await make(), await make(), await make()];
}

/** Waits until some backend is blocked on a row lock (the merge queued behind a holder). */
async function someoneWaitsForALock(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const rows = await editor.sql`
      select 1 from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock' and query ilike '%for update%' and pid <> pg_backend_pid()`;
    if (rows.length) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("nobody waited for the lock");
}

describe("concurrent merges and edits", () => {
  it("two merges racing over a shared contact plus edits: one wins, the other is refused, nothing is lost, nothing hangs", async () => {
    for (let round = 0; round < 6; round++) {
      const [a, b, c, d, e] = await fiveContacts();
      const ids = [a, b, c, d, e].map((x) => x!.id);
      const before = await heldRows(ids);
      const started = Date.now();
      const [m1, m2, editB, editA] = await Promise.allSettled([
        jitter().then(() => mergeContacts({ primaryId: a!.id, contactIds: [a!.id, b!.id, c!.id] }, actor)),
        jitter().then(() => mergeContacts({ primaryId: e!.id, contactIds: [c!.id, d!.id, e!.id] }, actor)),
        jitter().then(() => editor.sql`update contacts set job_title = 'Edited', updated_at = now(), version = version + 1 where id = ${b!.id}`),
        jitter().then(() => editor.sql`update contacts set company = 'Edited Co', updated_at = now(), version = version + 1 where id = ${a!.id}`),
      ]);
      expect(Date.now() - started).toBeLessThan(10_000);

      const outcomes = [m1, m2].map((m) => m.status);
      expect(outcomes.sort()).toEqual(["fulfilled", "rejected"]);
      const refused = (m1.status === "rejected" ? m1 : m2) as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(ValidationError);
      expect(refused.reason.message).toMatch(new RegExp(`Contact ${c!.contactKey} was already merged into`));
      if (editB.status === "rejected" || editA.status === "rejected") throw new Error("an edit failed");

      expect(await lostRows(before)).toEqual([]);
      const [liveA] = await db.select().from(contacts).where(eq(contacts.id, a!.id));
      // The edit of the primary is never overwritten, whichever ran first.
      expect(liveA!.company).toBe("Edited Co");
      if (m1.status === "fulfilled") {
        expect(liveA!.version).toBe(a!.version + 2);
        // The edit of a secondary either reached it before the merge (and filled the empty job title)
        // or found it gone (0 rows): it is never silently dropped.
        if (editB.value.count === 1) expect(liveA!.jobTitle).toBe("Edited");
      } else {
        expect(liveA!.version).toBe(a!.version + 1);
        const [liveB] = await db.select().from(contacts).where(eq(contacts.id, b!.id));
        expect(liveB!.jobTitle).toBe("Edited");
      }
      const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, "contact.merge"), inArray(auditLog.entityId, [a!.id, e!.id].map(String))));
      expect(audits).toHaveLength(1);
    }
  });

  it("gives up with a clear message, changing nothing, when another writer holds a lock too long", async () => {
    const [a, b] = await fiveContacts();
    const snapshot = JSON.stringify(await loadContactSnapshots(db, [a!.id, b!.id]));
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = editor.sql.begin(async (tx) => {
      await tx`select id from contacts where id = ${b!.id} for update`;
      locked();
      await held;
    });
    await isLocked;
    const started = Date.now();
    const error = await mergeContacts({ primaryId: a!.id, contactIds: [a!.id, b!.id] }, actor, { lockTimeoutMs: 300 }).catch((x) => x);
    release();
    await holder;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toMatch(/being changed by someone else/);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(JSON.stringify(await loadContactSnapshots(db, [a!.id, b!.id]))).toBe(snapshot);
  });

  it("retries the whole merge after a deadlock and completes it", async () => {
    const [a, b, c] = await fiveContacts();
    const before = await heldRows([a!.id, b!.id, c!.id]);
    const retries: unknown[] = [];
    let holderError: unknown = null;
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    let goOn!: () => void;
    const mergeQueued = new Promise<void>((r) => (goOn = r));
    // Locks c, waits for the merge (which locks a, b, then waits for c), then asks for a: a cycle.
    const holder = editor.sql
      .begin(async (tx) => {
        await tx`select id from contacts where id = ${c!.id} for update`;
        locked();
        await mergeQueued;
        await tx`select id from contacts where id = ${a!.id} for update`;
      })
      .catch((x) => (holderError = x));
    await isLocked;
    const merge = mergeContacts({ primaryId: a!.id, contactIds: [a!.id, b!.id, c!.id] }, actor, {
      onRetry: (x) => retries.push(x),
    });
    await someoneWaitsForALock();
    goOn();
    const out = await merge;
    await holder;
    // PostgreSQL breaks the cycle by aborting one side: either the merge (then retried) or the holder.
    expect(retries.length > 0 || pgError(holderError)?.code === "40P01").toBe(true);
    if (retries.length) expect(pgError(retries[0])?.code).toBe("40P01");
    expect(out.mergedContactIds.sort()).toEqual([b!.id, c!.id].sort());
    expect(await lostRows(before)).toEqual([]);
  });
});
