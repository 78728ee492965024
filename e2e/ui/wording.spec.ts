import { activities } from "../../db/schema";
import { expect, storageStateOf, test, token } from "../fixtures";

test.describe("counts in words", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("a profile with one activity says “1 event”, with two “2 events”", async ({ page, database, makeContact }) => {
    const contact = await makeContact({ firstName: "Una", lastName: token("One") });
    await database.db.insert(activities).values({ contactId: contact.id, type: "call", summary: "First call" });
    await page.goto(`/contacts/${contact.id}`);
    const activity = page.getByRole("region", { name: "Activity" });
    await expect(activity.getByText("First call")).toBeVisible();
    await expect(activity.getByText("1 event", { exact: true })).toBeVisible();

    await database.db.insert(activities).values({ contactId: contact.id, type: "call", summary: "Second call" });
    await page.reload();
    await expect(activity.getByText("2 events", { exact: true })).toBeVisible();
  });
});

test.describe("bulk wording", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("assigning one contact says “1 contact” and the button says what it does", async ({ page, makeContact }) => {
    const tok = token("Solo");
    await makeContact({ firstName: "Sol", lastName: tok });
    await page.goto(`/contacts?q=${tok}`);
    await page.getByRole("checkbox", { name: `Select Sol ${tok}` }).check();
    await page.getByRole("button", { name: "Assign to" }).click();
    const dialog = page.getByRole("dialog", { name: "Assign to" });
    await expect(dialog.getByTestId("bulk-count")).toHaveText("This applies to 1 contact.");
    await expect(dialog.getByRole("button", { name: "Assign 1 contact", exact: true })).toBeVisible();
    await expect(dialog.getByRole("button", { name: /for 1 contacts?/ })).toHaveCount(0);
  });
});
