import { eq } from "drizzle-orm";
import { expect, storageStateOf, test } from "../fixtures";
import { attributeDefinitions, tags } from "../../db/schema";

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("creates a dropdown custom attribute in settings", async ({ page, database }) => {
    const label = `Tier ${Math.random().toString(36).slice(2, 8)}`;
    await page.goto("/settings");
    await page.getByRole("link", { name: /Custom attributes/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Custom attributes" })).toBeVisible();
    await page.getByLabel("Label").fill(label);
    await page.getByLabel("Type").selectOption("dropdown");
    await page.getByLabel("Options").fill("Bronze\nSilver\nGold");
    await page.getByRole("button", { name: "Create attribute" }).click();
    await expect(page.getByRole("status")).toHaveText(`Custom attribute “${label}” created.`);
    const list = page.getByRole("region", { name: /Defined attributes/ });
    const row = list.getByRole("listitem").filter({ hasText: label });
    await expect(row).toContainText("Dropdown");
    await expect(row).toContainText("Options: Bronze, Silver, Gold");
    const [def] = await database.db.select().from(attributeDefinitions).where(eq(attributeDefinitions.label, label));
    expect(def).toMatchObject({ type: "dropdown", options: ["Bronze", "Silver", "Gold"] });
  });

  test("creates a tag with a colour", async ({ page, database }) => {
    const name = `Campaign ${Math.random().toString(36).slice(2, 8)}`;
    await page.goto("/settings/tags");
    await page.getByLabel("Tag name").fill(name);
    await page.getByRole("button", { name: "Create tag" }).click();
    await expect(page.getByRole("status")).toHaveText(`Tag “${name}” created.`);
    await expect(page.getByRole("region", { name: /All tags/ }).getByText(name, { exact: true })).toBeVisible();
    expect((await database.db.select().from(tags).where(eq(tags.name, name)))[0]?.color).toBe("#2563eb");
  });
});
