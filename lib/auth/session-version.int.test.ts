import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { actorOf, makeUser, TEST_PASSWORD } from "@/lib/testing/factories";
import { setUserActive, setUserPassword, setUserRole } from "@/lib/users/users";
import { loadSessionUser } from "./session";
import { endSessions } from "./session-version";
import { verifyCredentials } from "./sign-in";

// A session is the user id and the session version it was issued with (lib/auth/options.ts).
async function signIn(email: string, password = TEST_PASSWORD) {
  const user = await verifyCredentials({ email, password }, "203.0.113.7");
  if (!user) throw new Error("sign-in failed");
  return { id: user.id, version: user.sessionVersion };
}
const stateOf = (session: { id: number; version: number }) => loadSessionUser(session.id, session.version);

describe("ending sessions", () => {
  it("refuses a session after sign-out, while a new sign-in works", async () => {
    const user = await makeUser();
    const copied = await signIn(user.email);
    expect((await stateOf(copied)).status).toBe("signed-in");
    await endSessions(db, user.id); // what next-auth's signOut event does
    expect(await stateOf(copied)).toEqual({ status: "signed-out" });
    expect((await stateOf(await signIn(user.email))).status).toBe("signed-in");
  });

  it("ends the sessions of a user whose role changes", async () => {
    const admin = await makeUser("admin");
    const user = await makeUser("supervisor");
    const session = await signIn(user.email);
    await setUserRole(user.id, "supervisor", actorOf(admin));
    expect((await stateOf(session)).status).toBe("signed-in");
    await setUserRole(user.id, "agent", actorOf(admin));
    expect(await stateOf(session)).toEqual({ status: "signed-out" });
  });

  it("ends the sessions of a deactivated user for good, even once reactivated", async () => {
    const admin = await makeUser("admin");
    const user = await makeUser();
    const session = await signIn(user.email);
    await setUserActive(user.id, false, actorOf(admin));
    expect(await stateOf(session)).toEqual({ status: "deactivated" });
    await setUserActive(user.id, true, actorOf(admin));
    expect(await stateOf(session)).toEqual({ status: "signed-out" });
  });

  it("ends the sessions of a user whose password changes", async () => {
    const user = await makeUser();
    const session = await signIn(user.email);
    await setUserPassword(user.id, "a brand new password", actorOf(user));
    expect(await stateOf(session)).toEqual({ status: "signed-out" });
    expect((await stateOf(await signIn(user.email, "a brand new password"))).status).toBe("signed-in");
  });
});
