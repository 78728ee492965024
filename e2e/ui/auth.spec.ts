import type { Page } from "@playwright/test";
import { deactivate, DEMO_PASSWORD, expect, ROLE_EMAILS, signIn, storageStateOf, test, token } from "../fixtures";
import { eq } from "drizzle-orm";
import { loginAttempts } from "../../db/schema";
import { ROLES } from "../../db/schema/enums";

const ROLE_LABEL = { admin: "Admin", supervisor: "Supervisor", agent: "Agent" } as const;

test.describe("signed out", () => {
  test("the login page names the app's icons, and they load without a session", async ({ page, request }) => {
    await page.goto("/login");
    const icons = page.locator('head link[rel="icon"], head link[rel="apple-touch-icon"]');
    const hrefs = await icons.evaluateAll((links) => links.map((l) => new URL((l as HTMLLinkElement).href).pathname));
    expect(hrefs.sort()).toEqual(["/apple-icon.png", "/favicon.ico", "/icon.svg"]);
    for (const href of hrefs) {
      const response = await request.get(href, { maxRedirects: 0 });
      expect(response.status(), href).toBe(200);
      expect(response.headers()["content-type"], href).toMatch(/^image\//);
    }
  });

  test("opening /contacts redirects to the login page", async ({ page }) => {
    await page.goto("/contacts");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fcontacts/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  });

  test("a wrong password shows the same error as an unknown e-mail, and counts against the socket's address, not a sent one", async ({ page, makeUser, database }) => {
    const user = await makeUser("agent");
    // Forged: the address headers a client could send to dodge the limit or to lock out someone else.
    const forged = "203.0.113.77";
    await page.setExtraHTTPHeaders({ "x-forwarded-for": forged, "x-switchboard-peer": forged });
    await signIn(page, user.email, "not the password");
    await expect(page.locator("form").getByRole("alert")).toHaveText("Invalid email or password");
    await signIn(page, "nobody-here@example.com", "whatever");
    await expect(page.locator("form").getByRole("alert")).toHaveText("Invalid email or password");
    await expect(page).toHaveURL(/\/login/);
    const addresses = (await database.db.select().from(loginAttempts).where(eq(loginAttempts.scope, "address"))).map((a) => a.key);
    expect(addresses).not.toContain(forged);
    expect(addresses.some((key) => ["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(key))).toBe(true);
  });

  test("health answers without a session", async ({ request }) => {
    const res = await request.get("/api/health");
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: "ok" });
  });
});

for (const role of ROLES) {
  test(`${role} signs in and sees name and role in the shell`, async ({ page }) => {
    await signIn(page, ROLE_EMAILS[role], DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/contacts/);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const link of ["Contacts", "Segments"]) await expect(nav.getByRole("link", { name: link })).toBeVisible();
    // Only roles that may import see Import (e2e/ui/roles.spec.ts).
    await expect(nav.getByRole("link", { name: "Import" })).toHaveCount(role === "agent" ? 0 : 1);
    await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(role === "admin" ? 1 : 0);
    await expect(page.getByTestId("current-user")).toContainText(ROLE_LABEL[role]);
  });
}

test.describe("as an agent", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("settings says not allowed", async ({ page }) => {
    await page.goto("/settings");
    await expect(page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
    await expect(page.getByText("Settings are for admins only.")).toBeVisible();
  });
});

test("a session cookie copied before sign-out is refused after it", async ({ page, browser, makeUser }) => {
  const user = await makeUser("supervisor");
  await signIn(page, user.email, user.password);
  await expect(page.getByTestId("current-user")).toContainText(user.name);
  const copied = await page.context().storageState();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  const thief = await browser.newContext({ storageState: copied });
  const stolen = await thief.newPage();
  await stolen.goto("/contacts");
  await expect(stolen).toHaveURL(/\/login/);
  await expect(stolen.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect((await stolen.request.get("/api/contacts/export")).status()).toBe(401);
  await thief.close();
});

test("sign out ends the session", async ({ page, makeUser }) => {
  const user = await makeUser("supervisor");
  await signIn(page, user.email, user.password);
  await expect(page.getByTestId("current-user")).toContainText(user.name);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/contacts");
  await expect(page).toHaveURL(/\/login/);
});

test("a user deactivated by an admin is signed out at the next request", async ({ page, makeUser, database }) => {
  const user = await makeUser("admin");
  await signIn(page, user.email, user.password);
  await expect(page.getByTestId("current-user")).toContainText(user.name);
  await deactivate(database, user.id);
  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?error=deactivated/);
  await expect(page.getByText("Your account has been deactivated.")).toBeVisible();
  await page.goto("/contacts");
  await expect(page).toHaveURL(/\/login/);
});

test.describe("after sign-in, only this origin", () => {
  // The raw query strings a link could carry; each must land on /contacts of this app.
  for (const query of ["callbackUrl=/%5Cevil.test/x", "callbackUrl=/%09/evil.test", "callbackUrl=//evil.test", "callbackUrl=https://evil.test/"]) {
    test(`follows no ${query}`, async ({ page, makeUser, baseURL }) => {
      const user = await makeUser("agent");
      await page.goto(`/login?${query}`);
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(user.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByTestId("current-user")).toContainText(user.name);
      expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
      await expect(page).toHaveURL(/\/contacts$/);
      // Signed in, the login page redirects at once: to the same safe place.
      await page.goto(`/login?${query}`);
      await expect(page).toHaveURL(/\/contacts$/);
    });
  }

  test("still follows a same-origin path", async ({ page, makeUser }) => {
    const user = await makeUser("agent");
    await page.goto("/login?callbackUrl=%2Fsegments");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/segments$/);
  });
});

/** Collects the page's Content-Security-Policy violations, across navigations. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__cspViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${location.pathname}`),
    );
  });
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test.describe("security headers", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("pages carry a nonce CSP that forbids framing, and the usual headers", async ({ page, playwright, baseURL }) => {
    const signedOut = await playwright.request.newContext({ baseURL });
    for (const [path, res] of [["/contacts", await page.request.get("/contacts")], ["/login", await signedOut.get("/login")]] as const) {
      expect(res.status(), path).toBe(200);
      const headers = res.headers();
      expect(headers["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
      expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(headers["x-frame-options"], path).toBe("DENY");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("same-origin");
    }
    const [a, b] = await Promise.all([page.request.get("/contacts"), page.request.get("/contacts")]);
    expect(a.headers()["content-security-policy"]).not.toBe(b.headers()["content-security-policy"]);
    expect((await page.request.get("/api/health")).headers()["x-frame-options"]).toBe("DENY");
    await signedOut.dispose();
  });

  test("the list, a profile, import and settings run with no CSP violation", async ({ page, makeContact }) => {
    const violations = await watchCsp(page);
    const contact = await makeContact({ lastName: token("Csp") });
    await page.goto("/contacts");
    await page.getByLabel("Search contacts").fill(contact.lastName!);
    // The newest contact is on the first page already: wait for the search itself before leaving.
    await expect(page).toHaveURL(new RegExp(`q=${contact.lastName}`));
    await expect(page.getByRole("link", { name: `E2E ${contact.lastName}` })).toBeVisible();
    // A dialog locks the page's scroll with a <style> element (Radix): it carries the nonce, so it applies.
    await page.getByRole("button", { name: "Customize table" }).click();
    await expect(page.getByRole("dialog", { name: "Customize table" })).toBeVisible();
    await expect(page.locator("body")).toHaveCSS("overflow", "hidden");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog", { name: "Customize table" })).toHaveCount(0);
    await page.getByRole("link", { name: `E2E ${contact.lastName}` }).click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${contact.id}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(contact.lastName!);
    await page.goto("/contacts/import");
    await expect(page.getByLabel("CSV file")).toBeVisible();
    await page.goto("/settings/tags");
    await expect(page.getByRole("button", { name: "Create tag" })).toBeVisible();
    await page.goto("/segments");
    await page.goto("/no-such-page");
    expect(violations).toEqual([]);
  });
});
