import { and, eq, inArray } from "drizzle-orm";
import type { CredentialsConfig } from "next-auth/providers/credentials";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { loginAttempts } from "@/db/schema";
import { makeUser, TEST_PASSWORD, unique } from "@/lib/testing/factories";
import { MAX_FAILURES_PER_ADDRESS } from "./attempts";
import { authOptions } from "./options";
import { PEER_HEADER } from "./peer-address";

// Through next-auth's own door: the provider's authorize with the request's headers.
const authorize = (email: string, password: string, headers: Record<string, string>) =>
  (authOptions.providers[0] as CredentialsConfig).options.authorize!({ email, password }, { headers } as never);

// Without SWITCHBOARD_TRUSTED_PROXIES every address shares one counter; tests here leave it empty.
afterEach(async () => {
  await db.delete(loginAttempts).where(and(eq(loginAttempts.scope, "address"), eq(loginAttempts.key, "*")));
});

describe("sign-in and X-Forwarded-For, with no trusted proxy", () => {
  it("does not let failures sent with someone's address lock that address out", async () => {
    for (let i = 0; i < 30; i++) {
      expect(await authorize(`${unique()}@nobody.test`, "wrong", { "x-forwarded-for": "127.0.0.1" })).toBeNull();
    }
    const user = await makeUser();
    expect(await authorize(user.email, TEST_PASSWORD, { "x-forwarded-for": "127.0.0.1" })).toMatchObject({ id: String(user.id) });
  });

  it("does not let a rotated X-Forwarded-For dodge the limit for all addresses", async () => {
    await db.insert(loginAttempts).values({ scope: "address", key: "*", count: 100 });
    const user = await makeUser();
    await expect(authorize(user.email, TEST_PASSWORD, { "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250)}` })).rejects.toThrow(
      "RateLimited",
    );
  });
});

describe("sign-in and the socket's address (stamped by the server), with no trusted proxy", () => {
  it("locks out the address that failed too often, and only that one, whatever X-Forwarded-For says", async () => {
    const attacker = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const other = `203.0.113.${Math.floor(Math.random() * 250)}`;
    await db.delete(loginAttempts).where(and(eq(loginAttempts.scope, "address"), inArray(loginAttempts.key, [attacker, other])));
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      expect(await authorize(`${unique()}@nobody.test`, "wrong", { [PEER_HEADER]: attacker, "x-forwarded-for": other })).toBeNull();
    }
    const user = await makeUser();
    await expect(authorize(user.email, TEST_PASSWORD, { [PEER_HEADER]: attacker, "x-forwarded-for": other })).rejects.toThrow("RateLimited");
    // The address the attacker named is not locked, nor is everyone else.
    expect(await authorize(user.email, TEST_PASSWORD, { [PEER_HEADER]: other })).toMatchObject({ id: String(user.id) });
    const [counter] = await db.select().from(loginAttempts).where(and(eq(loginAttempts.scope, "address"), eq(loginAttempts.key, attacker)));
    expect(counter?.count).toBeGreaterThan(MAX_FAILURES_PER_ADDRESS);
  });
});
