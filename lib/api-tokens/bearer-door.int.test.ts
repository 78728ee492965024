import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { apiTokens, auditLog } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { ConflictError } from "@/lib/errors";
import { bearerRoute } from "@/lib/http-errors";
import { makeBearers, makeToken } from "@/lib/testing/api-tokens";
import { makeUser, unique } from "@/lib/testing/factories";

/** The /api/v1 door on its own, with a stand-in handler: every status it answers, and its headers. */
const ok = async () => Response.json({ ok: true });
const request = (headers: Record<string, string> = {}, path = "/api/v1/anything") => new Request(`http://localhost${path}`, { headers });

async function refused(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(((await response.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code, message: expect.any(String) });
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the bearer door", () => {
  it("answers 401 with WWW-Authenticate: Bearer to a missing, malformed, unknown, revoked or expired token", async () => {
    const bearers = await makeBearers(await makeUser("admin"));
    const cases = [{}, bearers.unknown, bearers.revoked, bearers.expired, { authorization: "Basic YWRtaW46YWRtaW4=" }, { authorization: "Bearer" }];
    for (const headers of cases) {
      const response = await bearerRoute(request(headers), "read", ok);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      await refused(response, 401, "unauthenticated");
    }
  });

  it("does not take a session cookie for a token, nor a token from the URL", async () => {
    const { secret } = await makeToken(await makeUser("admin"), "admin");
    await refused(await bearerRoute(request({ cookie: "next-auth.session-token=anything" }), "read", ok), 401, "unauthenticated");
    for (const name of ["access_token", "token", "api_key"]) {
      const inUrl = await bearerRoute(request({}, `/api/v1/tags?${name}=${secret}`), "read", ok);
      await refused(inUrl, 401, "unauthenticated");
      // Not even with the header too: a secret in a URL is a leaked secret, better refused loudly.
      await refused(await bearerRoute(request({ authorization: `Bearer ${secret}` }, `/api/v1/tags?${name}=${secret}`), "read", ok), 401, "unauthenticated");
    }
  });

  it("lets each scope do what it allows and answers 403 beyond it, with the rate-limit headers either way", async () => {
    const bearers = await makeBearers(await makeUser("admin"));
    const allowed = { read: ["read"], write: ["read", "write"], admin: ["read", "write", "admin"] } as const;
    for (const held of ["read", "write", "admin"] as const) {
      for (const needed of ["read", "write", "admin"] as const) {
        const response = await bearerRoute(request(bearers[held]), needed, ok);
        expect(response.headers.get("ratelimit-limit")).toBe("1200");
        expect(Number(response.headers.get("ratelimit-remaining"))).toBeLessThan(1200);
        expect(Number(response.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(1);
        expect(Number(response.headers.get("ratelimit-reset"))).toBeLessThanOrEqual(60);
        if ((allowed[held] as readonly string[]).includes(needed)) expect(response.status).toBe(200);
        else await refused(response, 403, "forbidden");
      }
    }
  });

  it("maps the work's domain errors through errorResponse, keeping the rate-limit headers", async () => {
    const { secret } = await makeToken(await makeUser("admin"), "write");
    const response = await bearerRoute(request({ authorization: `Bearer ${secret}` }), "write", async () => {
      throw new ConflictError("Taken.", { field: "email" });
    });
    expect(await response.json()).toEqual({ error: { code: "conflict", message: "Taken.", details: { field: "email" } } });
    expect(response.status).toBe(409);
    expect(response.headers.get("ratelimit-limit")).toBe("1200");
  });

  it("marks the token used and audits a write as 'API token <name>'", async () => {
    const name = unique("Sync ");
    const { token, secret } = await makeToken(await makeUser("admin"), "write", name);
    const entityId = unique("e");
    const response = await bearerRoute(request({ authorization: `Bearer ${secret}` }), "write", async ({ actor }) => {
      await recordAudit(db, actor, { action: "test.api_write", entityType: "test", entityId });
      return ok();
    });
    expect(response.status).toBe(200);
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "test.api_write"), eq(auditLog.entityId, entityId)));
    expect(entry).toMatchObject({ actorId: null, actorLabel: `API token ${name}` });
  });

  it("answers 429 with Retry-After past the limit (SWITCHBOARD_API_RATE_LIMIT)", async () => {
    vi.stubEnv("SWITCHBOARD_API_RATE_LIMIT", "3");
    const { secret } = await makeToken(await makeUser("admin"), "read");
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await bearerRoute(request({ authorization: `Bearer ${secret}` }), "read", ok);
      statuses.push(last.status);
    }
    // A window may end mid-run: then the count starts again, so only the shape is certain.
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(3);
    if (last!.status === 429) {
      expect(last!.headers.get("ratelimit-remaining")).toBe("0");
      expect(Number(last!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      await refused(last!, 429, "rate_limited");
    }
    expect(last!.headers.get("ratelimit-limit")).toBe("3");
  });
});
