import { notes } from "../../db/schema";
import { axeViolations } from "../axe";
import { expect, storageStateOf, test, token } from "../fixtures";

const phone = () => `+1702556${String(1000 + Math.floor(Math.random() * 9000))}`;

test.describe("merge undo as a supervisor", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("merges three contacts, undoes the merge from the primary's timeline and finds them back", async ({ page, browser, database, makeContact }) => {
    test.slow(); // a merge through the drawer, an agent's session, an undo and two axe scans on a loaded 2-core machine
    const tok = token("Undo");
    const made = [];
    for (const [i, company] of ["Alpha Ltd", "Beta GmbH", "Gamma SA"].entries()) {
      made.push(await makeContact({ firstName: "Rosa", lastName: tok, company, createdAt: new Date(Date.UTC(2024, i, 1)) }, { phones: [phone()] }));
    }
    await database.db.insert(notes).values(made.map((m, i) => ({ contactId: m.id, body: `Note ${i} ${tok}` })));
    const [primary, ...others] = made as [(typeof made)[number], ...typeof made];

    await page.goto(`/contacts?q=${tok}&sort=createdAt.asc`);
    for (const box of await page.getByRole("checkbox", { name: `Select Rosa ${tok}` }).all()) await box.check();
    await page.getByRole("button", { name: "Merge", exact: true }).click();
    const drawer = page.getByRole("dialog", { name: "Merge contacts" });
    await expect(drawer.getByText("For 30 days the merge can be undone")).toBeVisible();
    await drawer.getByRole("button", { name: "Merge", exact: true }).click();
    await page.getByRole("dialog", { name: "Merge duplicates" }).getByRole("button", { name: "Yes, merge" }).click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${primary.id}\\?merged=3`));
    // The notice offers the undo too.
    await expect(page.getByRole("status").filter({ hasText: "Merged 3 contacts" }).getByRole("button", { name: "Undo merge" })).toBeVisible();

    // An agent sees the merge on the timeline, but no Undo merge.
    const agent = await browser.newContext({ storageState: storageStateOf("agent") });
    const agentPage = await agent.newPage();
    await agentPage.goto(`/contacts/${primary.id}`);
    await expect(agentPage.getByRole("list", { name: "Activity, newest first" }).getByText("Merged 3 contacts")).toBeVisible();
    await expect(agentPage.getByRole("button", { name: "Undo merge" })).toHaveCount(0);
    await agent.close();

    await page.goto(`/contacts/${primary.id}`);
    const entry = page.getByRole("list", { name: "Activity, newest first" }).getByRole("listitem").filter({ hasText: "Merged 3 contacts" });
    await entry.getByRole("button", { name: "Undo merge" }).click();
    const dialog = page.getByRole("dialog", { name: "Undo this merge?" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText(others[0]!.contactKey);
    await expect(dialog).toContainText(others[1]!.contactKey);
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Yes, undo merge" }).click();

    await expect(page).toHaveURL(new RegExp(`/contacts/${primary.id}\\?mergeUndone=\\d+`));
    const notice = page.getByRole("status").filter({ hasText: "Merge undone: 2 contacts restored" });
    await expect(notice).toBeVisible();
    await expect(page.getByRole("list", { name: "Activity, newest first" }).getByText(`Restored 2 merged contacts: ${others.map((o) => o.contactKey).join(", ")}`)).toBeVisible();
    await expect(page.getByRole("button", { name: "Undo merge" })).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);

    // Each restored contact opens under its own id again, with its own note.
    await notice.getByRole("link", { name: others[1]!.contactKey }).click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${others[1]!.id}$`));
    await expect(page.getByRole("heading", { level: 1, name: `Rosa ${tok}` })).toBeVisible();
    await expect(page.getByText("Gamma SA").first()).toBeVisible();
    await expect(page.getByText(`Note 2 ${tok}`)).toBeVisible();
    await page.goto(`/contacts/${others[0]!.id}`);
    await expect(page).toHaveURL(new RegExp(`/contacts/${others[0]!.id}$`));
    await expect(page.getByText(`Note 1 ${tok}`)).toBeVisible();
    await page.goto(`/contacts?q=${tok}`);
    await expect(page.getByTestId("range")).toHaveText("1–3 of 3");
  });
});
