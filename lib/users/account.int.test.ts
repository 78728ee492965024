import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, users } from "@/db/schema";
import { loadSessionUser } from "@/lib/auth/session";
import { verifyCredentials } from "@/lib/auth/sign-in";
import { executeAction } from "@/lib/safe-action";
import { makeUser, TEST_PASSWORD, unique } from "@/lib/testing/factories";
import { userActions } from "./actions";

const NEW_PASSWORD = "my own brand new passphrase";
const change = (fields: Partial<Record<"currentPassword" | "newPassword" | "confirmPassword", string>>) => ({
  currentPassword: TEST_PASSWORD,
  newPassword: NEW_PASSWORD,
  confirmPassword: fields.newPassword ?? NEW_PASSWORD,
  ...fields,
});

async function signedIn(role: "agent" | "supervisor" | "admin" = "agent") {
  const user = await makeUser(role);
  return { user, session: () => loadSessionUser(user.id, user.sessionVersion) };
}

describe("changing one's own password", () => {
  it("needs the current password", async () => {
    const { user, session } = await signedIn();
    expect(await executeAction(userActions.changePassword, session, change({ currentPassword: "not my password" }))).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: ["Your current password is not right."] },
    });
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0]!.passwordHash).toBe(user.passwordHash);
  });

  it.each([
    ["shorter than 10 characters", "tiny pass", "Use at least 10 characters."],
    ["one of the most common passwords", "qwertyuiop", "This is one of the most common passwords. Choose another."],
    ["a common password in capitals", "PASSWORD123", "This is one of the most common passwords. Choose another."],
  ])("refuses a new password %s", async (_, newPassword, message) => {
    const { user, session } = await signedIn();
    expect(await executeAction(userActions.changePassword, session, change({ newPassword }))).toMatchObject({ ok: false, fieldErrors: { newPassword: [message] } });
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0]!.passwordHash).toBe(user.passwordHash);
  });

  it("refuses two new passwords that differ, and the current one again", async () => {
    const { session } = await signedIn();
    expect(await executeAction(userActions.changePassword, session, { ...change({}), confirmPassword: "something else entirely" })).toMatchObject({
      ok: false,
      fieldErrors: { confirmPassword: ["The two new passwords differ."] },
    });
    expect(await executeAction(userActions.changePassword, session, change({ newPassword: TEST_PASSWORD }))).toMatchObject({
      ok: false,
      fieldErrors: { newPassword: ["Choose a new password, not the current one."] },
    });
  });

  it("for every role: ends every session of the user, and only the new password signs in; the audit keeps no password", async () => {
    for (const role of ["agent", "supervisor", "admin"] as const) {
      const { user, session } = await signedIn(role);
      const elsewhere = () => loadSessionUser(user.id, user.sessionVersion);
      expect(await executeAction(userActions.changePassword, session, change({}))).toMatchObject({ ok: true });
      expect(await elsewhere()).toEqual({ status: "signed-out" });
      expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, unique("ip"))).toBeNull();
      expect((await verifyCredentials({ email: user.email, password: NEW_PASSWORD }, unique("ip")))?.id).toBe(user.id);
      const entries = await db.select().from(auditLog).where(eq(auditLog.entityId, String(user.id)));
      expect(entries.map((e) => e.action)).toContain("user.password");
      const text = JSON.stringify(entries);
      expect(text).not.toContain(NEW_PASSWORD);
      expect(text).not.toMatch(/argon2/);
    }
  });
});

describe("changing one's own name", () => {
  it("renames only the caller, whatever id is sent along, and audits it", async () => {
    const { user, session } = await signedIn();
    const other = await makeUser();
    expect(await executeAction(userActions.renameAccount, session, { name: "  Ada Lovelace ", id: other.id })).toMatchObject({ ok: true });
    expect((await db.select({ name: users.name }).from(users).where(eq(users.id, user.id)))[0]!.name).toBe("Ada Lovelace");
    expect((await db.select({ name: users.name }).from(users).where(eq(users.id, other.id)))[0]!.name).toBe(other.name);
    expect(await executeAction(userActions.renameAccount, session, { name: "   " })).toMatchObject({ ok: false, fieldErrors: { name: ["Enter a name."] } });
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, String(user.id)), eq(auditLog.action, "user.update")));
    expect(entry).toMatchObject({ actorId: user.id, before: { name: user.name }, after: { name: "Ada Lovelace" } });
  });
});
