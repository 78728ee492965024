import { DEMO_PASSWORD, expect, ROLE_EMAILS, signIn, test } from "../fixtures";

// Runs against the app started the README's way (`npm start`, embedded PostgreSQL, demo data):
// the demo spells these names as people do, and typing them finds those people.
// Each row's name is its link to the profile (the agent has no selection column, so no fixed column number).
const rowNames = (page: import("@playwright/test").Page) => page.locator('tbody tr a[href^="/contacts/"]').allInnerTexts();

test("searching the demo data for Müller, Weiß and São finds those contacts", async ({ page }) => {
  // Seven searches, each waiting for the list: 30 s ran out once while the machine was busy.
  test.setTimeout(90_000);
  await page.goto("/login");
  await signIn(page, ROLE_EMAILS.agent, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/contacts/);
  for (const [typed, expected] of [
    ["Müller", /Müller/],
    ["weiß", /Weiß/],
    ["MÜLLER", /Müller/],
    ["Łukasz", /Łukasz/],
  ] as const) {
    await page.getByLabel("Search contacts").fill(typed);
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(typed)}`, "i"));
    await expect
      .poll(async () => {
        const names = await rowNames(page);
        return names.length > 0 && names.every((n) => expected.test(n));
      }, { message: typed })
      .toBe(true);
  }
  // "São" is a whole word of the demo's Home store attribute (the city of São Paulo).
  await page.getByLabel("Search contacts").fill("São");
  await expect(page).toHaveURL(/q=S%C3%A3o/i);
  await expect.poll(() => rowNames(page)).not.toHaveLength(0);
  await page.getByRole("link", { name: (await rowNames(page))[0]! }).first().click();
  await expect(page.getByText("São Paulo").first()).toBeVisible();
});
