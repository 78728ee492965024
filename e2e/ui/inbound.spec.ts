import { createHash, randomBytes } from "node:crypto";
import { eq, like } from "drizzle-orm";
import type { APIRequestContext } from "@playwright/test";
import type { Connection } from "../../db/client";
import { apiTokens, contacts, users } from "../../db/schema";
import { pseudonymFor } from "../../lib/inbound/pseudonym";
import { expect, ROLE_EMAILS, storageStateOf, test, token } from "../fixtures";

/** A write token of the demo admin's, made the way the tokens page makes one (its hash stored). */
async function writeToken(database: Connection): Promise<string> {
  const secret = `sb_${randomBytes(32).toString("base64url")}`;
  const [admin] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, ROLE_EMAILS.admin));
  await database.db.insert(apiTokens).values({
    name: token("Chat widget "),
    prefix: secret.slice(0, 10),
    tokenHash: createHash("sha256").update(secret).digest("hex"),
    scope: "write",
    createdById: admin!.id,
  });
  return secret;
}

async function inbound(request: APIRequestContext, secret: string, data: Record<string, string>) {
  return request.post("/api/v1/inbound", { headers: { authorization: `Bearer ${secret}` }, data: { message_id: token("msg-"), ...data } });
}

/** A visitor id whose pseudonym no contact has yet, so the lists below show this guest alone. */
async function freshVisitor(database: Connection): Promise<{ visitor: string; name: string }> {
  for (;;) {
    const visitor = token("visitor-");
    const { firstName, lastName } = pseudonymFor(visitor);
    const taken = await database.db.select({ id: contacts.id }).from(contacts).where(like(contacts.lastName, lastName));
    if (taken.length === 0) return { visitor, name: `${firstName} ${lastName}` };
  }
}

test.describe("inbound messages, as an agent", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("a web chat message without a name shows a Guest in Anonymous; saving an e-mail on it takes it out", async ({ page, request, database }) => {
    const secret = await writeToken(database);
    const { visitor, name } = await freshVisitor(database);
    const response = await inbound(request, secret, { channel: "webchat", from: visitor, text: "Hello from the chat widget" });
    expect(response.status()).toBe(201);
    const surname = name.replace(/^Guest /, "");

    await page.goto(`/contacts?segment=anonymous&q=${encodeURIComponent(surname)}`);
    await page.getByRole("link", { name }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("Anonymous visitor", { exact: true })).toBeVisible();
    const timeline = page.getByRole("list", { name: "Activity, newest first" });
    await expect(timeline.getByRole("listitem").filter({ hasText: "Hello from the chat widget" })).toContainText("via Web chat");

    const identifiers = page.getByRole("region", { name: "Identifiers" });
    await identifiers.getByLabel("New email address").fill(`${token("guest")}@example.test`);
    await identifiers.getByRole("button", { name: "Add email" }).click();
    await expect(identifiers.getByRole("status")).toHaveText("Email added.");
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByText("Anonymous visitor", { exact: true })).toHaveCount(0);

    await page.goto(`/contacts?segment=anonymous&q=${encodeURIComponent(surname)}`);
    await expect(page.getByRole("link", { name })).toHaveCount(0);
    await page.goto(`/contacts?q=${encodeURIComponent(surname)}`);
    await expect(page.getByRole("link", { name })).toBeVisible();
  });

  test("a blocked contact's profile says how many messages were refused", async ({ page, request, database, makeContact }) => {
    const secret = await writeToken(database);
    const phone = `+1702${2 + Math.floor(Math.random() * 8)}${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
    const blocked = await makeContact({ blocked: true, blockedAt: new Date() }, { phones: [phone] });
    for (let i = 0; i < 2; i++) {
      const refused = await inbound(request, secret, { channel: "sms", from: phone, text: "let me in" });
      expect(refused.status()).toBe(403);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("blocked");
    }
    await page.goto(`/contacts/${blocked.id}`);
    await expect(page.getByText(/2 messages refused, the last/)).toBeVisible();
  });
});
