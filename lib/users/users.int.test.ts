import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, users } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit";
import { loadSessionUser } from "@/lib/auth/session";
import { verifyCredentials } from "@/lib/auth/sign-in";
import { executeAction } from "@/lib/safe-action";
import { actorOf, makeContact, makeUser, TEST_PASSWORD, unique, uniquePhone } from "@/lib/testing/factories";
import { useOwnDatabase } from "@/lib/testing/own-database";
import { userActions } from "./actions";
import { createUser, resetUserPassword, setUserActive, setUserRole } from "./users";

// The last-admin rule counts every admin in the database: this file needs one nobody else writes to.
useOwnDatabase("users");

const LAST_ADMIN = /is the last active admin/;
const activeAdmins = () => db.select({ id: users.id }).from(users).where(and(eq(users.role, "admin"), eq(users.active, true)));

beforeEach(async () => {
  // Each test starts with no active admin but the ones it makes.
  await db.update(users).set({ active: false }).where(eq(users.role, "admin"));
});

describe("an admin's own account", () => {
  it("cannot be demoted, deactivated or reset by its owner, even with other admins around", async () => {
    const [me] = [await makeUser("admin"), await makeUser("admin")];
    await expect(setUserRole(me!.id, "agent", actorOf(me!))).rejects.toThrow("You cannot change your own role.");
    await expect(setUserActive(me!.id, false, actorOf(me!))).rejects.toThrow("You cannot deactivate your own account.");
    await expect(resetUserPassword(me!.id, "another fine passphrase", actorOf(me!))).rejects.toThrow(/Your account/);
    const [after] = await db.select().from(users).where(eq(users.id, me!.id));
    expect(after).toMatchObject({ role: "admin", active: true, sessionVersion: me!.sessionVersion, passwordHash: me!.passwordHash });
  });

  it("is refused through the action too, with the reason", async () => {
    const [me] = [await makeUser("admin"), await makeUser("admin")];
    const session = () => loadSessionUser(me!.id, me!.sessionVersion);
    expect(await executeAction(userActions.setRole, session, { id: me!.id, role: "agent" })).toEqual({ ok: false, message: expect.stringContaining("your own role") });
    expect(await executeAction(userActions.deactivate, session, { id: me!.id })).toEqual({ ok: false, message: expect.stringContaining("your own account") });
  });
});

describe("the last active admin", () => {
  it("cannot be demoted or deactivated; a second admin lifts the rule", async () => {
    const last = await makeUser("admin");
    const boss = await makeUser("supervisor");
    await expect(setUserRole(last.id, "supervisor", actorOf(boss))).rejects.toThrow(LAST_ADMIN);
    await expect(setUserActive(last.id, false, actorOf(boss))).rejects.toThrow(LAST_ADMIN);
    expect(await activeAdmins()).toEqual([{ id: last.id }]);

    const other = await makeUser("admin");
    await setUserRole(last.id, "supervisor", actorOf(other));
    expect(await activeAdmins()).toEqual([{ id: other.id }]);
  });

  it("does not count a deactivated admin", async () => {
    const last = await makeUser("admin");
    const gone = await makeUser("admin");
    await setUserActive(gone.id, false, actorOf(last));
    await expect(setUserActive(last.id, false, SYSTEM_ACTOR)).rejects.toThrow(LAST_ADMIN);
    // Demoting a deactivated admin takes no active admin away.
    await setUserRole(gone.id, "agent", actorOf(last));
  });

  it("survives two admins demoting each other at the same moment: one wins, one is refused, one admin remains", async () => {
    for (let round = 0; round < 5; round++) {
      await db.update(users).set({ active: false }).where(eq(users.role, "admin"));
      const a = await makeUser("admin");
      const b = await makeUser("admin");
      const results = await Promise.allSettled([setUserRole(b.id, "agent", actorOf(a)), setUserRole(a.id, "agent", actorOf(b))]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(String(refused.reason)).toMatch(LAST_ADMIN);
      expect(await activeAdmins()).toHaveLength(1);
    }
  });

  it("survives two admins deactivating each other at the same moment", async () => {
    for (let round = 0; round < 5; round++) {
      await db.update(users).set({ active: false }).where(eq(users.role, "admin"));
      const a = await makeUser("admin");
      const b = await makeUser("admin");
      const results = await Promise.allSettled([setUserActive(b.id, false, actorOf(a)), setUserActive(a.id, false, actorOf(b))]);
      expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(await activeAdmins()).toHaveLength(1);
    }
  });
});

describe("a user's e-mail or phone held by a contact", () => {
  it("is refused naming the contact, and no user is made", async () => {
    const email = `${unique()}@customer.test`;
    const phone = uniquePhone();
    await makeContact({ firstName: "Grace", lastName: "Hopper" }, { emails: [email], phones: [phone] });
    const admin = await makeUser("admin");
    const base = { name: "New Agent", role: "agent" as const, password: "a long enough passphrase" };
    await expect(createUser({ ...base, email: email.toUpperCase() }, actorOf(admin))).rejects.toMatchObject({
      message: "This email address belongs to Grace Hopper.",
      fieldErrors: { email: ["This email address belongs to Grace Hopper."] },
    });
    await expect(createUser({ ...base, email: `${unique()}@staff.test`, phone }, actorOf(admin))).rejects.toMatchObject({
      message: "This phone number belongs to Grace Hopper.",
      fieldErrors: { phone: ["This phone number belongs to Grace Hopper."] },
    });
    expect(await db.select().from(users).where(eq(users.name, "New Agent"))).toEqual([]);
  });

  it("accepts a phone nobody holds, in the workspace's country, and stores it as E.164", async () => {
    const admin = await makeUser("admin");
    const user = await createUser({ name: "Phoned", email: `${unique()}@staff.test`, phone: "(312) 555-0187", role: "agent", password: "a long enough passphrase" }, actorOf(admin));
    expect(user.phone).toBe("+13125550187");
  });
});

describe("creating, deactivating and changing roles", () => {
  it("creates a user with a generated password shown once, never audited", async () => {
    const admin = await makeUser("admin");
    const email = `${unique()}@staff.test`;
    const session = () => loadSessionUser(admin.id, admin.sessionVersion);
    const result = await executeAction(userActions.createUser, session, { name: "Gen", email, role: "supervisor", passwordChoice: "generate" });
    expect(result).toMatchObject({ ok: true, data: { password: expect.stringMatching(/^[A-Za-z2-9]{20}$/) } });
    const password = (result as { data: { password: string; id: number } }).data.password;
    expect((await verifyCredentials({ email, password }, unique("ip")))?.role).toBe("supervisor");
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "user.create"), eq(auditLog.entityId, String((result as { data: { id: number } }).data.id))));
    expect(JSON.stringify(entry)).not.toContain(password);
    expect(JSON.stringify(entry)).not.toMatch(/argon2|password/i);
  });

  it("refuses a typed password that is short or common", async () => {
    const admin = await makeUser("admin");
    const session = () => loadSessionUser(admin.id, admin.sessionVersion);
    const input = { name: "Typed", email: `${unique()}@staff.test`, role: "agent", passwordChoice: "type" };
    expect(await executeAction(userActions.createUser, session, { ...input, password: "xq7#mzt" })).toMatchObject({ ok: false, fieldErrors: { password: ["Use at least 10 characters."] } });
    expect(await executeAction(userActions.createUser, session, { ...input, password: "1234567890" })).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringContaining("most common")] } });
    expect(await executeAction(userActions.createUser, session, { ...input, password: "Password123" })).toMatchObject({ ok: false, fieldErrors: { password: [expect.stringContaining("most common")] } });
    expect(await executeAction(userActions.createUser, session, { ...input, password: "a long enough passphrase" })).toMatchObject({ ok: true, data: { password: null } });
  });

  it("signs a deactivated user out at the next request and keeps them from signing in until reactivated", async () => {
    const admin = await makeUser("admin");
    const agent = await makeUser("agent");
    const credentials = { email: agent.email, password: TEST_PASSWORD };
    await setUserActive(agent.id, false, actorOf(admin));
    expect(await loadSessionUser(agent.id, agent.sessionVersion)).toEqual({ status: "deactivated" });
    expect(await verifyCredentials(credentials, unique("ip"))).toBeNull();
    await setUserActive(agent.id, true, actorOf(admin));
    const back = await verifyCredentials(credentials, unique("ip"));
    expect(back?.id).toBe(agent.id);
    expect(back?.lastSignInAt).toBeInstanceOf(Date);
  });

  it("applies a new role at the user's next action: the old session is ended, the new one has the new rights", async () => {
    const admin = await makeUser("admin");
    const other = await makeUser("admin");
    const oldSession = () => loadSessionUser(other.id, other.sessionVersion);
    const input = { id: (await makeUser()).id };
    await setUserRole(other.id, "agent", actorOf(admin));
    expect(await executeAction(userActions.deactivate, oldSession, input)).toEqual({ ok: false, message: "Please sign in again." });
    const signedIn = await verifyCredentials({ email: other.email, password: TEST_PASSWORD }, unique("ip"));
    const newSession = () => loadSessionUser(other.id, signedIn!.sessionVersion);
    expect(await executeAction(userActions.deactivate, newSession, input)).toEqual({ ok: false, message: "You are not allowed to do that." });
  });

  it("records when each user last signed in", async () => {
    const user = await makeUser();
    expect(user.lastSignInAt).toBeNull();
    await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, unique("ip"));
    const [after] = await db.select({ at: users.lastSignInAt }).from(users).where(eq(users.id, user.id));
    expect(after!.at).toBeInstanceOf(Date);
  });
});
