import { axeViolations } from "../axe";
import { expect, storageStateOf, test, token } from "../fixtures";

test.describe("the merge preview's choices", () => {
  test.use({ storageState: storageStateOf("supervisor"), timezoneId: "Europe/Paris" });

  test("name each option by Contact ID and last update, and the favorite agent by name", async ({ page, makeContact, makeUser }) => {
    const tok = token("Gupta");
    const [priya, omar] = [await makeUser("agent"), await makeUser("agent")];
    const a = await makeContact({ firstName: "Aisha", lastName: tok, company: "Acme Retail", jobTitle: "Buyer", favoriteAgentId: priya.id, createdAt: new Date("2024-01-01T09:00:00Z"), updatedAt: new Date("2025-03-04T13:05:00Z") });
    const b = await makeContact({ firstName: "Aisha", lastName: tok, company: "Acme Retail", jobTitle: "Head buyer", favoriteAgentId: omar.id, createdAt: new Date("2024-02-01T09:00:00Z"), updatedAt: new Date("2025-06-07T08:30:00Z") });

    await page.goto(`/contacts?q=${tok}&sort=createdAt.asc`);
    for (const box of await page.getByRole("checkbox", { name: `Select Aisha ${tok}` }).all()) await box.check();
    await page.getByRole("button", { name: "Merge", exact: true }).click();
    const drawer = page.getByRole("dialog", { name: "Merge contacts" });

    // Paris time (UTC+1 in March, +2 in June), not the name both contacts share.
    const title = drawer.getByLabel("Job title");
    await expect(title.locator("option")).toHaveText([
      `Buyer — from ${a.contactKey} (updated 4 Mar 2025, 14:05)`,
      `Head buyer — from ${b.contactKey} (updated 7 Jun 2025, 10:30)`,
    ]);
    const agent = drawer.getByLabel("Favorite agent");
    await expect(agent.locator("option")).toHaveText([new RegExp(`^${priya.name} — from ${a.contactKey}`), new RegExp(`^${omar.name} — from ${b.contactKey}`)]);
    await expect(drawer).not.toContainText(`— Aisha ${tok}`);
    await agent.selectOption(String(b.id));
    await expect(agent).toHaveValue(String(b.id));
    expect(await axeViolations(page)).toEqual([]);
  });
});
