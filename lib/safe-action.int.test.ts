import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/db";
import { auditLog, tags } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { loadSessionUser } from "@/lib/auth/session";
import { makeUser, actorOf, unique } from "@/lib/testing/factories";
import { setUserActive, setUserRole } from "@/lib/users/users";
import { defineAction, executeAction } from "./safe-action";

const createTag = defineAction({
  permission: "tags.create",
  schema: z.object({ name: z.string().trim().min(1) }),
  run: async ({ name }, { actor }) =>
    db.transaction(async (tx) => {
      const [tag] = await tx.insert(tags).values({ name }).returning();
      await recordAudit(tx, actor, { action: "tag.create", entityType: "tag", entityId: tag!.id, after: tag });
      return tag!.id;
    }),
});

describe("actions re-read the user from the database", () => {
  it("uses the role in the database, not the one the session was issued with", async () => {
    const user = await makeUser("admin");
    const other = await makeUser("admin");
    const session = () => loadSessionUser(user.id);
    const first = await executeAction(createTag, session, { name: unique("Tag ") });
    expect(first.ok).toBe(true);

    // Nobody demotes themselves (lib/users/admin-guard.ts): another admin does.
    await setUserRole(user.id, "supervisor", actorOf(other));
    const name = unique("Tag ");
    const second = await executeAction(createTag, session, { name });
    expect(second).toEqual({ ok: false, message: "You are not allowed to do that." });
    expect(await db.select().from(tags).where(eq(tags.name, name))).toHaveLength(0);
  });

  it("refuses everything from a user deactivated after signing in", async () => {
    const admin = await makeUser("admin");
    const user = await makeUser("admin");
    await setUserActive(user.id, false, actorOf(admin));
    const out = await executeAction(createTag, () => loadSessionUser(user.id), { name: unique("Tag ") });
    expect(out).toEqual({ ok: false, message: "Your account has been deactivated." });
  });

  it("records the write in the audit log with the actor, in the same transaction", async () => {
    const user = await makeUser("admin");
    const name = unique("Tag ");
    const out = await executeAction(createTag, () => loadSessionUser(user.id), { name });
    expect(out.ok).toBe(true);
    const id = out.ok ? out.data : undefined;
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "tag"), eq(auditLog.entityId, String(id))));
    expect(entry).toMatchObject({ action: "tag.create", actorId: user.id, actorLabel: `${user.name} <${user.email}>` });
    expect(entry!.after).toMatchObject({ name });
  });

  it("keeps user audit entries free of password hashes", async () => {
    const admin = await makeUser("admin");
    const user = await makeUser("agent");
    await setUserActive(user.id, false, actorOf(admin));
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "user"), eq(auditLog.entityId, String(user.id)), eq(auditLog.action, "user.deactivate")));
    expect(entry!.before).toMatchObject({ active: true });
    expect(entry!.after).toMatchObject({ active: false });
    expect(JSON.stringify(entry)).not.toContain("argon2");
  });
});
