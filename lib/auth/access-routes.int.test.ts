import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionState } from "@/lib/auth/session";
import { BEARERS, expectedStatus, makeBearers, type Bearer } from "@/lib/testing/api-tokens";
import { apiRouteHandlers } from "@/lib/testing/doors";
import { databaseFingerprint, useOwnDatabase } from "@/lib/testing/own-database";
import { ROUTE_CASES } from "@/lib/testing/route-cases";
import { CALLERS, makeCallers, type Caller, type CallerSession } from "@/lib/testing/session-states";

/**
 * Security issue #19: every API route under app/api, found in the code, against every kind of
 * caller, through the route module's own exported handler. As in the action matrix, only the
 * cookie lookup (`getSessionState`) is replaced by a real session read back from the database.
 */
const door = vi.hoisted(() => ({ session: null as null | (() => Promise<SessionState>) }));
vi.mock("@/lib/auth/session", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/session")>();
  return { ...real, getSessionState: () => (door.session ?? (() => real.loadSessionUser(undefined)))() };
});

useOwnDatabase("routes");
const routes = await apiRouteHandlers();
let callers: Record<Caller, CallerSession>;
let bearers: Record<Bearer, Record<string, string>>;
beforeAll(async () => {
  callers = await makeCallers();
  bearers = await makeBearers(callers.admin.user);
});

/** A refused caller's answer: 401 without a live session (STYLE.md, conventions 5), 403 for a role. */
function refusal(caller: Caller): { status: number; code: string } {
  return caller === "agent" || caller === "supervisor" || caller === "admin" ? { status: 403, code: "forbidden" } : { status: 401, code: "unauthenticated" };
}

async function call(key: string, caller: CallerSession, request: Request, params: Record<string, string | string[]>): Promise<Response> {
  door.session = caller.session;
  try {
    return await routes.get(key)!(request, { params: Promise.resolve(params) });
  } finally {
    door.session = null;
  }
}

describe("the API routes' access table", () => {
  it("has a row for every exported method of every route under app/api, and none for one that is gone", () => {
    expect(routes.size).toBeGreaterThan(8);
    expect([...routes.keys()].sort()).toEqual(Object.keys(ROUTE_CASES).sort());
  });

  it("answers the health check to anyone, without a session and without writing", async () => {
    const before = await databaseFingerprint();
    for (const name of CALLERS) {
      const response = await call("GET /api/health", callers[name], new Request("http://localhost/api/health"), {});
      expect(response.status).toBe(200);
    }
    expect(await databaseFingerprint()).toEqual(before);
  });
});

const guarded = Object.entries(ROUTE_CASES).flatMap(([key, rule]) => ("roles" in rule && routes.has(key) ? [key] : []));

describe.each(guarded)("%s", (key) => {
  it.each(CALLERS)("as %s: answers an allowed role, else refuses and changes nothing", async (name) => {
    const rule = ROUTE_CASES[key]!;
    if (!("roles" in rule)) throw new Error(`${key} is public`);
    const caller = callers[name];
    const { request, params } = await rule.call(caller.user, {});
    if (caller.role && rule.roles.includes(caller.role)) {
      const response = await call(key, caller, request, params);
      const body = await response.text(); // a streamed export finishes (and writes its audit entry) only once read
      expect(response.status, body).toBe(rule.status);
      return;
    }
    const before = await databaseFingerprint();
    const response = await call(key, caller, request, params);
    const expected = refusal(name);
    expect(response.status).toBe(expected.status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(expected.code);
    expect(await databaseFingerprint()).toEqual(before);
  });
});

const tokenDoors = Object.entries(ROUTE_CASES).flatMap(([key, rule]) => ("scope" in rule && routes.has(key) ? [key] : []));

describe.each(tokenDoors)("%s (bearer token)", (key) => {
  const rule = () => {
    const r = ROUTE_CASES[key]!;
    if (!("scope" in r)) throw new Error(`${key} is not a token route`);
    return r;
  };

  it.each(BEARERS)("with %s: answers the token's scope allows, else 401/403", async (bearer) => {
    const { request, params } = await rule().call(callers.admin.user, bearers[bearer]);
    const before = await databaseFingerprint();
    const response = await call(key, callers["no session"], request, params);
    const body = await response.text();
    const status = expectedStatus(bearer, rule().scope, rule().status);
    expect(response.status, body).toBe(status);
    if (status === 401) {
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((JSON.parse(body) as { error: { code: string } }).error.code).toBe("unauthenticated");
      expect(await databaseFingerprint()).toEqual(before);
    } else {
      expect(response.headers.get("ratelimit-limit")).toMatch(/^\d+$/);
      expect(response.headers.get("ratelimit-remaining")).toMatch(/^\d+$/);
      expect(response.headers.get("ratelimit-reset")).toMatch(/^\d+$/);
    }
    if (status === 403) {
      // The door counted the request (the token's minute and its "last used"), and nothing else changed.
      const withoutDoor = (print: Record<string, string>) => Object.fromEntries(Object.entries(print).filter(([table]) => table !== "api_tokens" && table !== "api_rate_limits"));
      expect((JSON.parse(body) as { error: { code: string } }).error.code).toBe("forbidden");
      expect(withoutDoor(await databaseFingerprint())).toEqual(withoutDoor(before));
    }
  });

  it.each(CALLERS)("as a session (%s) without a token: 401, a cookie never opens /api/v1", async (name) => {
    const { request, params } = await rule().call(callers.admin.user, {});
    const before = await databaseFingerprint();
    const response = await call(key, callers[name], request, params);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(await databaseFingerprint()).toEqual(before);
  });
});
