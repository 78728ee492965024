import { DEMO_PASSWORD, expect, ROLE_EMAILS, signIn, test } from "../fixtures";

// Runs against the app started the README's way (`npm start`, embedded PostgreSQL, demo data).
test("the login page answers and the demo admin signs in", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await signIn(page, ROLE_EMAILS.admin, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/contacts/);
  await expect(page.getByTestId("current-user")).toContainText("Admin");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" })).toBeVisible();
});
