import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, rawSql } from "@/db";
import { activities, attributeDefinitions, contactAttributeValues, contactRedirects, duplicateDismissals, inboundMessages, inboundRefusals, mergeJournals, users } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { actorOf, makeUser, unique } from "@/lib/testing/factories";
import { makeRichContact, makeTag } from "@/lib/testing/merge-fixtures";
import { useOwnDatabase } from "@/lib/testing/own-database";
import { mergeContacts } from "./merge";
import { undoMerge } from "./merge-undo";

// A database of its own: the test compares every table before the merge and after the undo, and
// other files write to the suite's database meanwhile.
useOwnDatabase("merge_undo");

type Dump = Record<string, string[]>;

/**
 * Every row of every table of the schema, as JSON, sorted. Left out, each for its reason:
 * - audit_log: append-only by design; the merge and its undo each add their entry;
 * - merge_journals: the merge's own record of itself, kept (emptied) once undone;
 * - activities of type merged / merge_undone added by the merge and the undo: the timeline's
 *   account of both, which the issue expects to stay;
 * - the primary's updated_at and version: the undo is a write to it (optimistic locking must refuse
 *   a form opened before the undo), so both move on, as for any other edit.
 */
async function dumpAll(primaryId: number, activityIdsBefore: Set<number>): Promise<Dump> {
  const sql = rawSql();
  const tables = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('audit_log', 'merge_journals')
    order by table_name`;
  expect(tables.length).toBeGreaterThan(20);
  const dump: Dump = {};
  for (const { name } of tables) {
    const rows = await sql.unsafe<{ row: Record<string, unknown> }[]>(`select to_jsonb(t) as row from "${name}" t`);
    dump[name] = rows
      .map(({ row }) => {
        if (name === "contacts" && row.id === primaryId) {
          delete row.updated_at;
          delete row.version;
        }
        return row;
      })
      .filter((row) => !(name === "activities" && !activityIdsBefore.has(Number(row.id)) && ["merged", "merge_undone"].includes(String(row.type))))
      .map((row) => JSON.stringify(row))
      .sort();
  }
  return dump;
}

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
let actor: Actor;

beforeAll(async () => {
  actor = actorOf(await makeUser("supervisor"));
});

describe("undoMerge: the round trip", () => {
  it("merging 5 contacts with notes, activities, tags, identifiers, Not duplicates decisions and more, then undoing, leaves every table as it was", async () => {
    const agent = await makeUser("agent");
    const [shared, own1, own2] = [await makeTag(), await makeTag(), await makeTag()];
    const [plan, size] = await db
      .insert(attributeDefinitions)
      .values([
        { key: unique("plan_"), label: "Plan", type: "text" },
        { key: unique("size_"), label: "Size", type: "number" },
      ])
      .returning();
    const notes = [at("2024-01-01"), at("2024-06-01")];
    const events = [at("2023-03-01"), at("2025-02-01")];
    const primary = await makeRichContact(
      { firstName: "Ada", company: "Primary Co", jobTitle: null, city: null, createdAt: at("2024-05-01"), updatedAt: at("2024-05-02") },
      { phones: 2, emails: 1, tagIds: [shared, own1], links: ["https://crm.test/shared"], externalIds: 1, notes, activities: events, attributes: [{ attributeId: plan!.id, textValue: "Gold" }] },
    );
    const secondaries = [];
    for (const [i, when] of ["2021-01-01", "2022-01-01", "2023-01-01", "2025-01-01"].entries()) {
      secondaries.push(
        await makeRichContact(
          { firstName: `Sec${i}`, jobTitle: `Title ${i}`, city: `City ${i}`, favoriteAgentId: agent.id, createdAt: at(when), updatedAt: at(when) },
          {
            phones: 2,
            emails: 2,
            tagIds: i % 2 ? [shared, own2] : [shared],
            links: ["https://crm.test/shared", `https://crm.test/${i}`],
            externalIds: 1,
            notes,
            activities: events,
            attributes: [{ attributeId: plan!.id, textValue: `Plan ${i}` }],
          },
        ),
      );
    }
    const [s0, s1, s2, s3] = secondaries as [(typeof secondaries)[number], (typeof secondaries)[number], (typeof secondaries)[number], (typeof secondaries)[number]];
    // A value on one secondary only, and the same sender's retry key on two (the merge clears one).
    await db.insert(contactAttributeValues).values({ contactId: s2.id, attributeId: size!.id, numberValue: "42.5" });
    await db.insert(activities).values([
      { contactId: s0.id, type: "order", summary: "Order", externalRef: "ord-1" },
      { contactId: s1.id, type: "order", summary: "Order", externalRef: "ord-1" },
    ]);
    await db.insert(inboundMessages).values({ channel: "sms", messageId: unique("m"), contactId: s1.id, status: 200, answer: { ok: true } });
    await db.insert(inboundRefusals).values({ contactId: s3.id, count: 2, lastAt: at("2025-03-01") });
    // A contact merged into a secondary earlier: its redirect must point at that secondary again.
    const earlier = await makeRichContact({ firstName: "Earlier" }, { phones: 1 });
    await mergeContacts({ primaryId: s2.id, contactIds: [s2.id, earlier.id] }, actor);
    // "Not duplicates" decisions a secondary is part of (the merge's delete cascades them away), with
    // the primary, with another secondary, and with a contact outside the merge.
    const outsider = await makeRichContact({ firstName: "Outsider" }, { phones: 1 });
    const pair = (x: number, y: number) => ({ lowId: Math.min(x, y), highId: Math.max(x, y), decidedById: agent.id, decidedAt: at("2025-04-01") });
    await db.insert(duplicateDismissals).values([pair(primary.id, s0.id), pair(s1.id, s3.id), pair(s2.id, outsider.id)]);

    const ids = [primary.id, ...secondaries.map((s) => s.id)];
    const activityIds = new Set((await db.select({ id: activities.id }).from(activities)).map((a) => a.id));
    const before = await dumpAll(primary.id, activityIds);

    // The user keeps a secondary's value for the plan attribute instead of the primary's.
    const merged = await mergeContacts({ primaryId: primary.id, contactIds: ids, overrides: { [`attribute:${plan!.key}`]: s1.id } }, actor);
    expect(merged.mergedContactIds).toHaveLength(4);
    const middle = await dumpAll(primary.id, activityIds);
    expect(middle).not.toEqual(before);
    expect(middle.duplicate_dismissals).toEqual([]);

    const [journal] = await db.select().from(mergeJournals).where(eq(mergeJournals.primaryId, primary.id));
    const result = await undoMerge(journal!.id, actor);
    expect(result.notRestored).toEqual([]);
    expect(result.restored.map((r) => r.id).sort()).toEqual(secondaries.map((s) => s.id).sort());

    const after = await dumpAll(primary.id, activityIds);
    for (const table of Object.keys(before)) expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    // The earlier merge's redirect points at its secondary again; the secondaries' own redirects are gone.
    expect(await db.select({ to: contactRedirects.contactId }).from(contactRedirects).where(eq(contactRedirects.oldContactId, earlier.id))).toEqual([{ to: s2.id }]);
    expect((await db.select().from(users).where(eq(users.id, agent.id))).length).toBe(1);
  });
});
