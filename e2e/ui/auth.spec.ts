import { deactivate, DEMO_PASSWORD, expect, ROLE_EMAILS, signIn, storageStateOf, test } from "../fixtures";
import { ROLES } from "../../db/schema/enums";

const ROLE_LABEL = { admin: "Admin", supervisor: "Supervisor", agent: "Agent" } as const;

test.describe("signed out", () => {
  test("opening /contacts redirects to the login page", async ({ page }) => {
    await page.goto("/contacts");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fcontacts/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  });

  test("a wrong password shows the same error as an unknown e-mail", async ({ page, makeUser }) => {
    const user = await makeUser("agent");
    await signIn(page, user.email, "not the password");
    await expect(page.locator("form").getByRole("alert")).toHaveText("Invalid email or password");
    await signIn(page, "nobody-here@example.com", "whatever");
    await expect(page.locator("form").getByRole("alert")).toHaveText("Invalid email or password");
    await expect(page).toHaveURL(/\/login/);
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
    for (const link of ["Contacts", "Import", "Segments"]) await expect(nav.getByRole("link", { name: link })).toBeVisible();
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
