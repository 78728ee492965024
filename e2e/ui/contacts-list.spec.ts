import { expect, signIn, storageStateOf, test, token } from "../fixtures";

const rowNames = (page: import("@playwright/test").Page) => page.locator("tbody tr td:nth-child(2)").allInnerTexts();

test.describe("contact list as a supervisor", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("a phone fragment typed with spaces finds the contact", async ({ page, makeContact }) => {
    const tail = String(1000 + Math.floor(Math.random() * 9000));
    const name = token("Phony");
    await makeContact({ firstName: "Pat", lastName: name }, { phones: [`+1415555${tail}`] });
    await page.goto("/contacts");
    await page.getByLabel("Search contacts").fill(`415 555 ${tail}`);
    await expect(page).toHaveURL(new RegExp(`q=415\\+555\\+${tail}`));
    await expect(page.getByRole("link", { name: `Pat ${name}` })).toBeVisible();
    await expect(page.getByRole("cell", { name: `+1 415-555-${tail}` })).toBeVisible();
  });

  test("clicking a header sorts ascending, then descending, then back", async ({ page, makeContact }) => {
    const tok = token("Sort");
    for (const [first, at] of [["Bella", "2024-01-01"], ["Adam", "2023-01-01"], ["Carl", "2025-01-01"]] as const) {
      await makeContact({ firstName: first, lastName: tok, lastInteractionAt: new Date(at) });
    }
    await page.goto(`/contacts?q=${tok}`);
    await expect.poll(() => rowNames(page)).toEqual([`Carl ${tok}`, `Bella ${tok}`, `Adam ${tok}`]);
    const header = page.getByRole("columnheader", { name: "Name" });
    await header.getByRole("button").click();
    await expect(page).toHaveURL(/sort=name\.asc/);
    await expect.poll(() => rowNames(page)).toEqual([`Adam ${tok}`, `Bella ${tok}`, `Carl ${tok}`]);
    await expect(header).toHaveAttribute("aria-sort", "ascending");
    await header.getByRole("button").click();
    await expect.poll(() => rowNames(page)).toEqual([`Carl ${tok}`, `Bella ${tok}`, `Adam ${tok}`]);
    await expect(header).toHaveAttribute("aria-sort", "descending");
    await page.getByRole("columnheader", { name: "Source" }).getByRole("button").click();
    await expect(page).toHaveURL(/sort=source\.asc/);
  });

  test("the URL restores page, page size, sort and search", async ({ page, makeContact }) => {
    const tok = token("Url");
    for (let i = 0; i < 30; i++) await makeContact({ firstName: `N${String(i).padStart(2, "0")}`, lastName: tok });
    await page.goto(`/contacts?q=${tok}&sort=name.desc&size=25&page=2`);
    await expect(page.getByLabel("Search contacts")).toHaveValue(tok);
    await expect(page.getByLabel("Rows per page")).toHaveValue("25");
    await expect(page.getByTestId("range")).toHaveText("26–30 of 30");
    await expect.poll(() => rowNames(page)).toEqual(["N04", "N03", "N02", "N01", "N00"].map((n) => `${n} ${tok}`));
    await page.getByRole("button", { name: "Previous page" }).click();
    await expect(page.getByTestId("range")).toHaveText("1–25 of 30");
    await page.reload();
    await expect(page.getByTestId("range")).toHaveText("1–25 of 30");
    await expect(page.getByRole("button", { name: "Next page" })).toBeEnabled();
    await expect(page.getByRole("button", { name: "Previous page" })).toBeDisabled();
  });

  test("malformed URL parameters show the default view, and no match shows the empty state", async ({ page }) => {
    await page.goto("/contacts?page=-3&size=7&sort=nope.up");
    await expect(page.getByLabel("Rows per page")).toHaveValue("50");
    await expect(page.getByRole("table")).toBeVisible();
    const nothing = token("Nothing");
    await page.goto(`/contacts?q=${nothing}`);
    await expect(page.getByRole("heading", { name: `No contacts match “${nothing}”` })).toBeVisible();
  });

  test("a search with a NUL or a filter with an impossible date falls back to the list, saying what was left out", async ({ page }) => {
    await page.goto("/contacts?q=%00");
    await expect(page.getByRole("status").filter({ hasText: "The search in this link contains an invisible control character, so it was left out." })).toBeVisible();
    await expect(page.getByRole("table")).toBeVisible();
    const date = JSON.stringify({ join: "and", conditions: [{ field: "createdAt", op: "before", value: "2026-02-31" }] });
    await page.goto(`/contacts?f=${encodeURIComponent(date)}`);
    await expect(page.getByRole("status").filter({ hasText: "The filter in this link could not be read, so it was left out." })).toBeVisible();
    await expect(page.getByRole("table")).toBeVisible();
    await expect(page.getByText("This page could not be loaded")).toHaveCount(0);
  });

  test("row and page selection checkboxes are labelled", async ({ page, makeContact }) => {
    const tok = token("Sel");
    await makeContact({ firstName: "Selma", lastName: tok });
    await page.goto(`/contacts?q=${tok}`);
    await page.getByLabel(`Select Selma ${tok}`).check();
    await expect(page.getByLabel("Select all on this page")).toBeChecked();
  });
});

test("hidden columns stay hidden after reload and after signing out and in", async ({ page, makeUser }) => {
  // Two sign-ins (Argon2 on both sides) and five loads of the list: 27 s alone on a loaded 2-core machine.
  test.slow();
  const user = await makeUser("agent");
  await signIn(page, user.email, user.password);
  await expect(page.getByRole("columnheader", { name: "Source" })).toBeVisible();
  await page.getByRole("button", { name: "Customize table" }).click();
  const dialog = page.getByRole("dialog", { name: "Customize table" });
  await dialog.getByRole("checkbox", { name: "Source", exact: true }).uncheck();
  await dialog.getByRole("checkbox", { name: "Company", exact: true }).check();
  await dialog.getByRole("button", { name: "Move Company up" }).click();
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("columnheader", { name: "Source" })).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Company" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("columnheader", { name: "Source" })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/login/);
  await signIn(page, user.email, user.password);
  await expect(page.getByRole("columnheader", { name: "Company" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Source" })).toHaveCount(0);
  await page.getByRole("button", { name: "Customize table" }).click();
  await page.getByRole("dialog", { name: "Customize table" }).getByRole("button", { name: "Reset to default" }).click();
  await expect(page.getByRole("columnheader", { name: "Source" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Company" })).toHaveCount(0);
});

test.describe("as an agent", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("the table is there too", async ({ page, makeContact }) => {
    const tok = token("Ag");
    await makeContact({ firstName: "Agnes", lastName: tok });
    await page.goto(`/contacts?q=${tok}`);
    await expect(page.getByRole("link", { name: `Agnes ${tok}` })).toBeVisible();
    for (const header of ["Name", "Phone", "Email", "Source", "Last interaction", "Status", "Tags"]) {
      await expect(page.getByRole("columnheader", { name: header })).toBeVisible();
    }
  });
});
