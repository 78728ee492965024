import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { apiIdempotencyKeys } from "@/db/schema";
import { ConflictError } from "@/lib/errors";
import { bearerRoute } from "@/lib/http-errors";
import { makeToken } from "@/lib/testing/api-tokens";
import { makeUser, unique } from "@/lib/testing/factories";

/** Idempotency-Key through the /api/v1 door, with a stand-in handler that counts its runs. */
async function writer() {
  const { secret, token } = await makeToken(await makeUser("admin"), "write");
  let runs = 0;
  const post = (key: string | null, body: unknown, path = "/api/v1/things", init: { method?: string; fail?: Error } = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${secret}`, "content-type": "application/json" };
    if (key !== null) headers["idempotency-key"] = key;
    const request = new Request(`http://localhost${path}`, { method: init.method ?? "POST", headers, body: JSON.stringify(body) });
    return bearerRoute(request, "write", async () => {
      runs += 1;
      if (init.fail) throw init.fail;
      return Response.json({ run: runs }, { status: 201, headers: { location: `http://localhost/api/v1/things/${runs}` } });
    });
  };
  return { post, runs: () => runs, tokenId: token.id };
}

describe("Idempotency-Key", () => {
  it("gives the first answer back to a repeat of the same request, and runs it once", async () => {
    const w = await writer();
    const key = unique("key-");
    const first = await w.post(key, { name: "Ada" });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ run: 1 });
    const again = await w.post(key, { name: "Ada" });
    expect(again.status).toBe(201);
    expect(await again.json()).toEqual({ run: 1 });
    expect(again.headers.get("location")).toBe("http://localhost/api/v1/things/1");
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("ratelimit-remaining")).toMatch(/^\d+$/);
    expect(w.runs()).toBe(1);
  });

  it("answers 422 to the same key with another body or path, and runs nothing", async () => {
    const w = await writer();
    const key = unique("key-");
    await w.post(key, { name: "Ada" });
    for (const response of [await w.post(key, { name: "Grace" }), await w.post(key, { name: "Ada" }, "/api/v1/others")]) {
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("idempotency_key_reused");
    }
    expect(w.runs()).toBe(1);
  });

  it("keeps a refusal too, but not a server error: a retry after a 500 runs again", async () => {
    const w = await writer();
    const refusedKey = unique("key-");
    expect((await w.post(refusedKey, {}, undefined, { fail: new ConflictError("Taken.") })).status).toBe(409);
    const replay = await w.post(refusedKey, {});
    expect(replay.status).toBe(409);
    expect(w.runs()).toBe(1);

    const brokenKey = unique("key-");
    expect((await w.post(brokenKey, {}, undefined, { fail: new Error("boom") })).status).toBe(500);
    expect((await w.post(brokenKey, {})).status).toBe(201);
    expect(w.runs()).toBe(3);
  });

  it("runs concurrent repeats once: the others wait for nothing and answer 409 or the kept answer", async () => {
    const w = await writer();
    const key = unique("key-");
    const answers = await Promise.all(Array.from({ length: 8 }, () => w.post(key, { n: 1 })));
    expect(w.runs()).toBe(1);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
  });

  it("forgets a key after 24 hours, ignores it on other methods, and refuses a malformed one", async () => {
    const w = await writer();
    const key = unique("key-");
    await w.post(key, { a: 1 });
    await db.update(apiIdempotencyKeys).set({ createdAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(apiIdempotencyKeys.key, key));
    expect(await (await w.post(key, { a: 2 })).json()).toEqual({ run: 2 });
    await w.post(unique("key-"), { a: 1 }, undefined, { method: "PATCH" });
    await w.post(unique("key-"), { a: 1 }, undefined, { method: "PATCH" });
    expect(w.runs()).toBe(4);
    expect((await w.post("bad key with spaces", {})).status).toBe(400);
    expect(w.runs()).toBe(4);
  });
});
