import { expect, storageStateOf, test, token } from "../fixtures";

test.describe("signed in", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("an unknown route shows the 404 inside the app's shell, with a way back to Contacts", async ({ page }) => {
    const res = await page.goto("/no-such-page");
    expect(res?.status()).toBe(404);
    await expect(page).toHaveTitle("Page not found · Switchboard");
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Contacts" })).toBeVisible();
    await expect(page.getByTestId("current-user")).toContainText("Agent");
    await page.getByRole("main").getByRole("link", { name: "Back to contacts" }).click();
    await expect(page).toHaveURL(/\/contacts$/);
    await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
  });

  test("Tab first reaches “Skip to content”, which moves focus to the main region", async ({ page }) => {
    await page.goto("/contacts");
    await expect(page.getByLabel("Search contacts")).toBeVisible();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
    // The next Tab goes into the page, past the sidebar.
    await page.keyboard.press("Tab");
    const inMain = await page.evaluate(() => Boolean(document.activeElement?.closest("main")));
    expect(inMain).toBe(true);
  });
});

test.describe("keyboard on the list as a supervisor", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("Tab from the search reaches “Skip to results”, whose Enter lands on the first row", async ({ page, makeContact }) => {
    const tok = token("Keys");
    await makeContact({ firstName: "Kay", lastName: tok });
    await page.goto(`/contacts?q=${tok}`);
    await expect(page.getByRole("link", { name: `Kay ${tok}` })).toBeVisible();
    await page.getByLabel("Search contacts").focus();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to results" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press("Enter");
    // The row's own control (its selection checkbox), not the toolbar, bulk buttons or headers in between.
    await expect(page.getByRole("checkbox", { name: `Select Kay ${tok}` })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: `Kay ${tok}` })).toBeFocused();
  });
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("an unknown page leads to sign-in; an unknown file shows a plain branded 404 with links home, and no sidebar", async ({ page }) => {
    await page.goto("/no-such-page");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fno-such-page$/);
    const res = await page.goto("/no-such-file.txt");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Switchboard" })).toHaveAttribute("href", "/");
    await page.getByRole("link", { name: "Back to contacts" }).click();
    // Contacts needs a session: the way back leads to sign-in.
    await expect(page).toHaveURL(/\/login/);
  });
});
