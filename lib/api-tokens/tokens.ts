import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { apiTokens, users, type ApiToken } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import type { CurrentUser } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { idSchema } from "@/lib/forms";
import { refuseControlChars } from "@/lib/fields/text";

export const API_SCOPES = ["read", "write", "admin"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** `read` may GET; `write` may also create, update and delete; `admin` may also manage tags and attributes. */
export function scopeAllows(held: ApiScope, needed: ApiScope): boolean {
  return API_SCOPES.indexOf(held) >= API_SCOPES.indexOf(needed);
}

export const EXPIRY_CHOICES = ["never", "30", "90", "365"] as const;

export const createTokenInput = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters.").superRefine(refuseControlChars("The name")),
  scope: z.enum(API_SCOPES, "Choose a scope."),
  expires: z.enum(EXPIRY_CHOICES, "Choose when it expires."),
});
export const revokeTokenInput = z.object({ id: idSchema });

/** The token's visible start: `sb_` and a few characters, enough to tell tokens apart, far too few to guess the rest. */
const PREFIX_LENGTH = 10;

// 32 random bytes: 43 base64url characters, 256 bits, so a hash lookup is all the check needs.
function newSecret(): string {
  return `sb_${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export interface CreatedToken {
  token: ApiToken;
  /** Shown once to the admin who made it; only its hash is kept. */
  secret: string;
}

export async function createApiToken(input: z.output<typeof createTokenInput>, creatorId: number, actor: Actor): Promise<CreatedToken> {
  const secret = newSecret();
  const expiresAt = input.expires === "never" ? null : sql`now() + make_interval(days => ${Number(input.expires)})`;
  return db.transaction(async (tx) => {
    const [token] = await tx
      .insert(apiTokens)
      .values({ name: input.name, scope: input.scope, tokenHash: hashSecret(secret), prefix: secret.slice(0, PREFIX_LENGTH), createdById: creatorId, expiresAt })
      .returning();
    await recordAudit(tx, actor, { action: "api_token.create", entityType: "api_token", entityId: token!.id, after: { name: token!.name, scope: token!.scope, expiresAt: token!.expiresAt } });
    return { token: token!, secret };
  });
}

export interface ListedToken extends Pick<ApiToken, "id" | "name" | "prefix" | "scope" | "createdAt" | "lastUsedAt" | "expiresAt"> {
  createdBy: string;
}

/** The tokens not revoked, newest first; a revoked token is gone for good, so it is not listed. */
export async function listApiTokens(): Promise<ListedToken[]> {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scope: apiTokens.scope,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      createdBy: users.name,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdById))
    .where(isNull(apiTokens.revokedAt))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function revokeApiToken(input: z.output<typeof revokeTokenInput>, actor: Actor): Promise<ApiToken> {
  return db.transaction(async (tx) => {
    const [token] = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiTokens.id, input.id), isNull(apiTokens.revokedAt)))
      .returning();
    if (!token) throw new NotFoundError("This token no longer exists or was already revoked.");
    await recordAudit(tx, actor, { action: "api_token.revoke", entityType: "api_token", entityId: token.id, before: { name: token.name, scope: token.scope } });
    return token;
  });
}

export type VerifiedToken = Pick<ApiToken, "id" | "name" | "scope">;

/**
 * Whom a token means by "me" in a filter or segment ("My contacts", "favorite agent is me", saved
 * segments): the user who created it, as the list would show them to that user.
 */
export async function tokenOwner(tokenId: number): Promise<CurrentUser> {
  const [owner] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdById))
    .where(eq(apiTokens.id, tokenId));
  if (!owner) throw new NotFoundError("This token no longer exists.");
  return owner;
}
