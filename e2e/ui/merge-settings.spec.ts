import { eq } from "drizzle-orm";
import { expect, storageStateOf, test } from "../fixtures";
import { workspaceSettings } from "../../db/schema";

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("changes the merge settings and finds them kept after a reload", async ({ page, database }) => {
    await page.goto("/settings");
    await page.getByRole("link", { name: /Merge settings/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Merge settings" })).toBeVisible();
    const leads = page.getByLabel("Merge integration leads with contacts by");
    const contactsBy = page.getByLabel("Merge integration contacts by");
    await expect(leads.getByRole("option")).toHaveText(["Phone number", "Email", "Phone number and email", "Don't merge"]);

    await leads.selectOption({ label: "Phone number and email" });
    await contactsBy.selectOption({ label: "Don't merge" });
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toHaveText("Merge settings saved.");

    await page.reload();
    await expect(page.getByLabel("Merge integration leads with contacts by")).toHaveValue("phone_and_email");
    await expect(page.getByLabel("Merge integration contacts by")).toHaveValue("never");
    const [row] = await database.db.select().from(workspaceSettings).where(eq(workspaceSettings.id, 1));
    expect(row).toMatchObject({ mergeStrategyLeads: "phone_and_email", mergeStrategyContacts: "never" });

    // Back to the defaults, for whatever runs next against this database.
    await page.getByLabel("Merge integration leads with contacts by").selectOption({ label: "Phone number" });
    await page.getByLabel("Merge integration contacts by").selectOption({ label: "Phone number" });
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toHaveText("Merge settings saved.");
  });
});
