import { axeViolations } from "../axe";
import { expect, storageStateOf, test, token } from "../fixtures";

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("filters the audit log by a contact and opens the before/after view of a change", async ({ page, makeContact }) => {
    test.slow(); // two axe scans on a loaded 2-core machine
    const company = token("Before Co ");
    const c = await makeContact({ firstName: "Audra", company });
    await page.goto(`/contacts/${c.id}`);
    const attributes = page.getByRole("region", { name: "Attributes" });
    await attributes.getByRole("button", { name: "Edit attributes" }).click();
    await attributes.getByLabel("Company").fill("After Co");
    await attributes.getByRole("button", { name: "Save", exact: true }).click();
    await expect(attributes.getByRole("status")).toHaveText("Saved.");
    // The profile's History lists the change too.
    await expect(page.getByRole("region", { name: "History" }).getByRole("row").filter({ hasText: "contact.update" })).toHaveCount(1);

    await page.goto("/settings");
    await page.getByRole("link", { name: /Audit log/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    const filters = page.getByRole("form", { name: "Filter the audit log" });
    await filters.getByLabel("Entity ID").fill(c.contactKey);
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(new RegExp(`entity=${c.contactKey}`));
    const entries = page.getByRole("region", { name: "Audit entries, newest first" });
    await expect(entries.getByRole("row")).toHaveCount(2); // the header and the one change (the fixture inserts without an entry)
    expect(await axeViolations(page)).toEqual([]);

    await entries.getByRole("link", { name: /View/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Audit entry/ })).toBeVisible();
    const changed = page.getByRole("row").filter({ hasText: "contact.company" });
    await expect(changed).toContainText(company);
    await expect(changed).toContainText("After Co");
    await expect(changed).toContainText("changed");
    await expect(page.getByRole("row").filter({ hasText: "contact.firstName" })).not.toContainText("changed");
    expect(await axeViolations(page)).toEqual([]);
  });
});

test.describe("as an agent", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("cannot open the audit log, nor see a contact's History", async ({ page, makeContact }) => {
    await page.goto("/settings/audit");
    await expect(page.getByText("Settings are for admins only.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Audit entries, newest first" })).toHaveCount(0);
    const c = await makeContact({ firstName: "Agnes" });
    await page.goto(`/contacts/${c.id}`);
    await expect(page.getByRole("heading", { level: 1, name: /Agnes/ })).toBeVisible();
    await expect(page.getByRole("region", { name: "History" })).toHaveCount(0);
    const response = await page.request.get("/api/audit/export");
    expect(response.status()).toBe(403);
  });
});
