import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, rawSql } from "@/db";
import { auditLog } from "@/db/schema";
import { makeUser, unique } from "@/lib/testing/factories";
import { recordAuditRows, userActor } from "./audit";

describe("the set-wise audit writer", () => {
  it("writes one entry per row of its query, with the actor, inside the caller's transaction", async () => {
    const actor = userActor(await makeUser("supervisor"));
    const action = unique("test.setwise.");
    const ids = [unique("e"), unique("e"), unique("e")];
    const seenInside = await rawSql().begin(async (tx) => {
      const rows = tx`select id as entity_id, null as before, jsonb_build_object('n', n) as after from unnest(${ids}::text[]) with ordinality as t(id, n)`;
      await recordAuditRows(tx, actor, { action, entityType: "test", rows });
      const [count] = await tx<{ n: number }[]>`select count(*)::int as n from audit_log where action = ${action}`;
      return count!.n;
    });
    expect(seenInside).toBe(3);
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.action, action), inArray(auditLog.entityId, ids)));
    expect(entries).toHaveLength(3);
    expect(entries.map((e) => e.after)).toEqual(expect.arrayContaining([{ n: 1 }, { n: 2 }, { n: 3 }]));
    expect(entries[0]).toMatchObject({ actorId: actor.id, actorLabel: actor.label, entityType: "test", before: null });
  });

  it("writes nothing when the transaction rolls back", async () => {
    const actor = userActor(await makeUser("admin"));
    const action = unique("test.rollback.");
    await expect(
      rawSql().begin(async (tx) => {
        await recordAuditRows(tx, actor, { action, entityType: "test", rows: tx`select 'x' as entity_id, null as before, null as after` });
        throw new Error("the write failed");
      }),
    ).rejects.toThrow("the write failed");
    expect(await db.select().from(auditLog).where(eq(auditLog.action, action))).toHaveLength(0);
  });
});
