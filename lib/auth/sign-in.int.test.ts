import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { loginAttempts, users } from "@/db/schema";
import { makeUser, TEST_PASSWORD, unique } from "@/lib/testing/factories";
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL } from "./attempts";
import { verifyCredentials } from "./sign-in";

const emailCounter = (email: string) =>
  db.select().from(loginAttempts).where(and(eq(loginAttempts.scope, "email"), eq(loginAttempts.key, email)));

describe("verifyCredentials", () => {
  it("accepts the right password, with the e-mail in any case", async () => {
    const user = await makeUser("supervisor");
    const found = await verifyCredentials({ email: user.email.toUpperCase(), password: TEST_PASSWORD }, unique("ip"));
    expect(found?.id).toBe(user.id);
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("answers the same null for a wrong password and an unknown e-mail", async () => {
    const user = await makeUser();
    expect(await verifyCredentials({ email: user.email, password: "wrong" }, unique("ip"))).toBeNull();
    expect(await verifyCredentials({ email: `${unique()}@nobody.test`, password: "wrong" }, unique("ip"))).toBeNull();
    expect(await verifyCredentials({ email: "not an email", password: "" }, unique("ip"))).toBeNull();
  });

  it("refuses a deactivated user", async () => {
    const user = await makeUser();
    await db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, unique("ip"))).toBeNull();
  });

  it("rate-limits an e-mail after repeated failures, even with the right password", async () => {
    const user = await makeUser();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect(await verifyCredentials({ email: user.email, password: `nope${i}` }, unique("ip"))).toBeNull();
    }
    await expect(verifyCredentials({ email: user.email, password: TEST_PASSWORD }, unique("ip"))).rejects.toThrow(
      /Too many failed sign-in attempts/,
    );
  });

  it("rate-limits one address trying many e-mails", async () => {
    const ip = unique("ip");
    await db.insert(loginAttempts).values({ scope: "address", key: ip, count: MAX_FAILURES_PER_ADDRESS });
    const user = await makeUser();
    await expect(verifyCredentials({ email: user.email, password: TEST_PASSWORD }, ip)).rejects.toThrow(/Too many/);
  });

  it("clears an e-mail's failures after a successful sign-in", async () => {
    const user = await makeUser();
    await verifyCredentials({ email: user.email, password: "nope" }, unique("ip"));
    await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, unique("ip"));
    expect(await emailCounter(user.email)).toHaveLength(0);
  });

  it("starts a new window once the last one has passed", async () => {
    const user = await makeUser();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await verifyCredentials({ email: user.email, password: "nope" }, unique("ip"));
    await db
      .update(loginAttempts)
      .set({ windowStart: sql`now() - interval '16 minutes'` })
      .where(and(eq(loginAttempts.scope, "email"), eq(loginAttempts.key, user.email)));
    expect((await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, unique("ip")))?.id).toBe(user.id);
  });
});
