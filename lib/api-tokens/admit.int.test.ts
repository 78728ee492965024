import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { apiRateLimits, apiTokens } from "@/db/schema";
import { GET as listTagsRoute } from "@/app/api/v1/tags/route";
import { makeToken } from "@/lib/testing/api-tokens";
import { actorOf, makeUser } from "@/lib/testing/factories";
import { admitApiToken, apiRateLimit, DEFAULT_API_RATE_LIMIT } from "./admit";
import { revokeApiToken } from "./tokens";

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Waits until at least `margin` seconds remain in the current minute, so a burst falls in one window. */
async function awayFromMinuteEnd(margin = 10) {
  const left = 60 - new Date().getUTCSeconds();
  if (left < margin) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 200));
}

describe("admitting a token", () => {
  it("admits a live secret, and nothing else: unknown, malformed, revoked or expired", async () => {
    const admin = await makeUser("admin");
    const live = await makeToken(admin, "admin", "Live");
    expect((await admitApiToken(live.secret))?.token).toEqual({ id: live.token.id, name: "Live", scope: "admin" });
    expect(await admitApiToken(`sb_${"A".repeat(43)}`)).toBeNull();
    expect(await admitApiToken(live.token.tokenHash)).toBeNull(); // the stored hash is not a key
    expect(await admitApiToken("")).toBeNull();
    expect(await admitApiToken(`${live.secret}x`)).toBeNull();

    const expired = await makeToken(admin);
    await db.update(apiTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(apiTokens.id, expired.token.id));
    expect(await admitApiToken(expired.secret)).toBeNull();

    const revoked = await makeToken(admin);
    expect(await admitApiToken(revoked.secret)).not.toBeNull();
    await revokeApiToken({ id: revoked.token.id }, actorOf(admin));
    expect(await admitApiToken(revoked.secret)).toBeNull();
  });

  it("counts and marks used only a token it admits: a refused one leaves its row and counter as they were", async () => {
    const admin = await makeUser("admin");
    const expired = await makeToken(admin);
    await db.update(apiTokens).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(apiTokens.id, expired.token.id));
    expect(await admitApiToken(expired.secret)).toBeNull();
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, expired.token.id));
    expect(row!.lastUsedAt).toBeNull();
    expect(await db.select().from(apiRateLimits).where(eq(apiRateLimits.tokenId, expired.token.id))).toEqual([]);

    const live = await makeToken(admin);
    await awayFromMinuteEnd();
    expect((await admitApiToken(live.secret))?.rate).toMatchObject({ allowed: true, remaining: 1199 });
    expect((await admitApiToken(live.secret))?.rate).toMatchObject({ allowed: true, remaining: 1198 });
    const [used] = await db.select().from(apiTokens).where(eq(apiTokens.id, live.token.id));
    expect(used!.lastUsedAt).toBeInstanceOf(Date);
  });

})

describe("the API rate limit", () => {
  it("is 1 200 a minute unless SWITCHBOARD_API_RATE_LIMIT says otherwise", () => {
    expect(apiRateLimit(undefined)).toBe(DEFAULT_API_RATE_LIMIT);
    expect(DEFAULT_API_RATE_LIMIT).toBe(1200);
    expect(apiRateLimit("50")).toBe(50);
    expect(apiRateLimit("")).toBe(1200);
    expect(apiRateLimit("-3")).toBe(1200);
    expect(apiRateLimit("lots")).toBe(1200);
  });

  it("lets exactly the limit through when many requests arrive at once", async () => {
    const { token, secret } = await makeToken(await makeUser("admin"));
    await awayFromMinuteEnd();
    const results = (await Promise.all(Array.from({ length: 40 }, () => admitApiToken(secret, 7)))).map((a) => a!.rate);
    expect(results.filter((r) => r.allowed)).toHaveLength(7);
    expect(results.map((r) => r.remaining).sort((a, b) => a - b).slice(-7)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // One row per token per window.
    expect(await db.select().from(apiRateLimits).where(eq(apiRateLimits.tokenId, token.id))).toHaveLength(1);
  });

  it("through the route: N parallel requests over the limit give exactly limit successes, the rest 429", async () => {
    vi.stubEnv("SWITCHBOARD_API_RATE_LIMIT", "5");
    const { secret } = await makeToken(await makeUser("admin"));
    await awayFromMinuteEnd();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => listTagsRoute(new Request("http://localhost/api/v1/tags", { headers: { authorization: `Bearer ${secret}` } }))),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    for (const r of responses) {
      expect(r.headers.get("ratelimit-limit")).toBe("5");
      if (r.status === 429) expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
  });

  it("starts afresh in a new window and sweeps the token's old ones", async () => {
    const { token, secret } = await makeToken(await makeUser("admin"));
    await db.insert(apiRateLimits).values({ tokenId: token.id, windowStart: sql`date_trunc('minute', now()) - interval '5 minutes'`, count: 99 });
    await awayFromMinuteEnd();
    const state = (await admitApiToken(secret, 10))?.rate;
    expect(state).toMatchObject({ allowed: true, remaining: 9 });
    const rows = await db.select().from(apiRateLimits).where(eq(apiRateLimits.tokenId, token.id));
    expect(rows.map((r) => r.count)).toEqual([1]);
  });
});
