import { tags } from "../../db/schema";
import { contactTags } from "../../db/schema";
import { expect, storageStateOf, test, token } from "../fixtures";

const days = (n: number) => new Date(Date.now() - n * 86_400_000);

test.describe("filters and segments as a supervisor", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("builds a 3-condition filter, saves it as a shared segment and sees its count", async ({ page, database, makeContact }) => {
    const tok = token("Seg");
    const [tag] = await database.db.insert(tags).values({ name: `Spring ${tok}` }).returning();
    const match1 = await makeContact({ firstName: "Greta", lastName: tok, country: "DE", lastInteractionAt: days(120) });
    const match2 = await makeContact({ firstName: "Hans", lastName: tok, country: "DE", lastInteractionAt: days(200) });
    const recent = await makeContact({ firstName: "Ines", lastName: tok, country: "DE", lastInteractionAt: days(10) });
    const french = await makeContact({ firstName: "Jules", lastName: tok, country: "FR", lastInteractionAt: days(120) });
    await makeContact({ firstName: "Karl", lastName: tok, country: "DE", lastInteractionAt: days(120) });
    for (const c of [match1, match2, recent, french]) await database.db.insert(contactTags).values({ contactId: c.id, tagId: tag!.id });

    await page.goto("/contacts");
    await page.getByRole("button", { name: "Filter" }).click();
    const filter = page.getByRole("region", { name: "Filter" });
    await filter.getByRole("button", { name: "Add condition" }).click();
    const c1 = filter.getByRole("group", { name: "Condition 1" });
    await c1.getByLabel("Field").selectOption({ label: "Tags" });
    await c1.getByLabel("Operator").selectOption({ label: "has any of" });
    await c1.getByRole("button", { name: "Value", exact: true }).click();
    await page.getByRole("combobox", { name: "Search value" }).fill(`Spring ${tok}`);
    await page.getByRole("option", { name: `Spring ${tok}` }).click();
    await page.keyboard.press("Escape");
    await filter.getByRole("button", { name: "Add condition" }).click();
    const c2 = filter.getByRole("group", { name: "Condition 2" });
    await c2.getByLabel("Field").selectOption({ label: "Country" });
    await c2.getByLabel("Value").selectOption({ label: "Germany" });
    await filter.getByRole("button", { name: "Add condition" }).click();
    const c3 = filter.getByRole("group", { name: "Condition 3" });
    await c3.getByLabel("Field").selectOption({ label: "Last interaction" });
    await c3.getByLabel("Operator").selectOption({ label: "more than N days ago" });
    await c3.getByLabel("Days").fill("90");
    await filter.getByRole("button", { name: "Apply filter" }).click();

    await expect(page).toHaveURL(/f=/);
    const chips = page.getByRole("list", { name: "Active filter" });
    await expect(chips).toContainText(`Tags has any of Spring ${tok}`);
    await expect(chips).toContainText("Country is any of Germany");
    await expect(chips).toContainText("Last interaction more than 90 days ago");
    await expect(page.getByTestId("range")).toHaveText("1–2 of 2");
    await expect(page.getByRole("link", { name: `Greta ${tok}` })).toBeVisible();
    await expect(page.getByRole("link", { name: `Hans ${tok}` })).toBeVisible();

    // The filter survives a reload: it lives in the URL.
    await page.reload();
    await expect(page.getByTestId("range")).toHaveText("1–2 of 2");

    await page.getByRole("button", { name: "Save as segment" }).click();
    const dialog = page.getByRole("dialog", { name: "Save as segment" });
    await dialog.getByLabel("Name").fill(`Dormant Germans ${tok}`);
    await dialog.getByLabel("Share with the team").check();
    await dialog.getByRole("button", { name: "Save segment" }).click();
    await expect(page).toHaveURL(/segment=\d+/);
    const tab = page.getByRole("navigation", { name: "Segments" }).getByRole("link", { name: new RegExp(`Dormant Germans ${tok}`) });
    await expect(tab).toHaveAttribute("aria-current", "page");
    await expect(tab).toContainText("2");
    await expect(page.getByTestId("range")).toHaveText("1–2 of 2");
  });

  test("Clear filters removes the filter, and an unreadable filter link is ignored with a notice", async ({ page, makeContact }) => {
    const tok = token("Clr");
    await makeContact({ firstName: "Lena", lastName: tok, country: "DE" });
    const f = JSON.stringify({ join: "and", conditions: [{ field: "country", op: "any_of", value: ["FR"] }] });
    await page.goto(`/contacts?q=${tok}&f=${encodeURIComponent(f)}`);
    await expect(page.getByRole("heading", { name: `No contacts match “${tok}”` })).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page.getByRole("link", { name: `Lena ${tok}` })).toBeVisible();
    await page.goto(`/contacts?f=${encodeURIComponent("{broken")}`);
    await expect(page.getByText("The filter in this link could not be read, so it was left out.")).toBeVisible();
  });

  test("blocked and archived contacts are out of All contacts but in their own segments", async ({ page, makeContact }) => {
    const tok = token("Ba");
    await makeContact({ firstName: "Olga", lastName: tok, blocked: true, blockedAt: new Date() });
    await makeContact({ firstName: "Pia", lastName: tok, archived: true, archivedAt: new Date() });
    await makeContact({ firstName: "Quin", lastName: tok });
    await page.goto(`/contacts?q=${tok}`);
    await expect(page.getByTestId("range")).toHaveText("1–1 of 1");
    await page.goto(`/contacts?segment=blocked&q=${tok}`);
    await expect(page.getByRole("link", { name: `Olga ${tok}` })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(`Olga ${tok}`) })).toContainText("Blocked");
    await page.goto(`/contacts?segment=archived&q=${tok}`);
    await expect(page.getByRole("row", { name: new RegExp(`Pia ${tok}`) })).toContainText("Archived");
  });
});
