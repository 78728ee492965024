import type { Page } from "@playwright/test";
import { axeViolations } from "../axe";
import { expect, storageStateOf, test, token } from "../fixtures";

/**
 * Every page passes an automated WCAG 2.1 AA scan with no serious or critical violation: each page
 * of the app, as the admin who sees the most of it, in its loaded state, wide and narrow.
 */
const PAGES: { path: string; heading: RegExp }[] = [
  { path: "/contacts", heading: /Contacts/ },
  { path: "/contacts?segment=trash", heading: /Contacts/ },
  { path: "/contacts/new", heading: /New contact/ },
  { path: "/contacts/import", heading: /Import/ },
  { path: "/segments", heading: /Segments/ },
  { path: "/settings", heading: /Settings/ },
  { path: "/settings/workspace", heading: /Workspace/ },
  { path: "/settings/attributes", heading: /attributes/i },
  { path: "/settings/tags", heading: /Tags/ },
  { path: "/settings/merge", heading: /Merge settings/ },
  { path: "/settings/api-tokens", heading: /API tokens/ },
  { path: "/settings/webhooks", heading: /Webhooks/ },
  { path: "/settings/users", heading: /Users/ },
  { path: "/settings/account", heading: /Your account/ },
  { path: "/settings/audit", heading: /Audit log/ },
  { path: "/no-such-page", heading: /not found/i },
];

async function scan(page: Page, path: string, heading: RegExp) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  expect(await axeViolations(page), path).toEqual([]);
}

// An axe run over a whole page takes seconds on a loaded 2-core machine.
test.describe.configure({ timeout: 90_000 });

for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ storageState: storageStateOf("admin"), viewport });

    for (const { path, heading } of PAGES) {
      test(`${path} has no serious or critical WCAG 2.1 AA violation`, async ({ page }) => {
        await scan(page, path, heading);
      });
    }

    test("a contact's profile has none either", async ({ page, makeContact }) => {
      const c = await makeContact({ firstName: "Axe", company: "Scan Ltd" }, { emails: [`${token("axe")}@example.com`] });
      await scan(page, `/contacts/${c.id}`, /Axe/);
    });

    test("a trashed contact's profile (its banner) has none either", async ({ page, makeContact }) => {
      const c = await makeContact({ firstName: "Axe", lastName: token("Trashed"), trashedAt: new Date() });
      await scan(page, `/contacts/${c.id}`, /Axe/);
    });
  });
}

test.describe("signed out", () => {
  test("the sign-in page has none", async ({ page }) => {
    await scan(page, "/login", /Sign in|Switchboard/);
  });
});
