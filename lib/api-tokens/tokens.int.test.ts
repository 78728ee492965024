import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { apiTokens, auditLog } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { makeToken } from "@/lib/testing/api-tokens";
import { actorOf, makeUser } from "@/lib/testing/factories";
import { admitApiToken } from "./admit";
import { createApiToken, listApiTokens, revokeApiToken } from "./tokens";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("API tokens", () => {
  it("returns the secret once and stores only its SHA-256 hash and first characters", async () => {
    const admin = await makeUser("admin");
    const { token, secret } = await createApiToken({ name: "Help desk", scope: "write", expires: "never" }, admin.id, actorOf(admin));
    expect(secret).toMatch(/^sb_[A-Za-z0-9_-]{40,}$/);
    const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(row).toMatchObject({ name: "Help desk", scope: "write", tokenHash: sha256(secret), prefix: secret.slice(0, 10), createdById: admin.id, expiresAt: null, lastUsedAt: null, revokedAt: null });
    // Nowhere in the row, nor in the audit entry, is the secret itself.
    expect(JSON.stringify(row)).not.toContain(secret.slice(10));
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "api_token"), eq(auditLog.entityId, String(token.id))));
    expect(entry).toMatchObject({ action: "api_token.create", actorId: admin.id });
    expect(JSON.stringify(entry)).not.toContain(secret.slice(10));
  });

  it("gives every token its own secret", async () => {
    const admin = await makeUser("admin");
    const secrets = await Promise.all([1, 2, 3].map(async () => (await makeToken(admin)).secret));
    expect(new Set(secrets).size).toBe(3);
  });

  it("expires a token after the chosen number of days", async () => {
    const admin = await makeUser("admin");
    const { token } = await createApiToken({ name: "Short", scope: "read", expires: "30" }, admin.id, actorOf(admin));
    // The database and this process share a clock here.
    const days = (token.expiresAt!.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThanOrEqual(30.0001);
  });

  it("revokes once, audited, and drops the token from the list", async () => {
    const admin = await makeUser("admin");
    const { token } = await makeToken(admin, "read", "Gone soon");
    expect((await listApiTokens()).map((t) => t.id)).toContain(token.id);
    await revokeApiToken({ id: token.id }, actorOf(admin));
    expect((await listApiTokens()).map((t) => t.id)).not.toContain(token.id);
    await expect(revokeApiToken({ id: token.id }, actorOf(admin))).rejects.toBeInstanceOf(NotFoundError);
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "api_token"), eq(auditLog.entityId, String(token.id))));
    expect(entries.map((e) => e.action).sort()).toEqual(["api_token.create", "api_token.revoke"]);
  });

  it("lists who made a token and when it was last used", async () => {
    const admin = await makeUser("admin");
    const { token, secret } = await makeToken(admin);
    expect((await listApiTokens()).find((t) => t.id === token.id)).toMatchObject({ createdBy: admin.name, lastUsedAt: null, prefix: token.prefix });
    await admitApiToken(secret);
    expect((await listApiTokens()).find((t) => t.id === token.id)?.lastUsedAt).toBeInstanceOf(Date);
  });
});
