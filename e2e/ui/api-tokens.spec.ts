import { expect, storageStateOf, test, token } from "../fixtures";
import { axeViolations } from "../axe";

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("creates an API token, uses it, sees Last used change, revokes it, and the next call answers 401", async ({ page, request }) => {
    const name = token("Help desk ");
    await page.goto("/settings");
    await page.getByRole("link", { name: /API tokens/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "New token" }).click();
    const dialog = page.getByRole("dialog", { name: "New API token" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Scope").selectOption("read");
    await dialog.getByLabel("Expires").selectOption("30");
    await dialog.getByRole("button", { name: "Create token" }).click();
    await expect(dialog.getByText("You will not see this token again")).toBeVisible();
    const secret = await dialog.getByLabel("Your new API token").inputValue();
    expect(secret).toMatch(/^sb_[A-Za-z0-9_-]{40,}$/);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await dialog.getByRole("button", { name: "Copy" }).click();
    await expect(dialog.getByRole("status")).toHaveText("Copied.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Done" }).click();

    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
    await expect(row).toContainText(secret.slice(0, 10));
    await expect(row.getByRole("cell").nth(4)).toHaveText("Never"); // Last used

    const auth = { authorization: `Bearer ${secret}` };
    const used = await request.get("/api/v1/tags", { headers: auth });
    expect(used.status()).toBe(200);
    expect(used.headers()["ratelimit-limit"]).toBeTruthy();
    expect(Array.isArray(((await used.json()) as { data: unknown[] }).data)).toBe(true);

    await page.reload();
    await expect(row.getByRole("cell").nth(4)).not.toHaveText("Never");

    await row.getByRole("button", { name: `Revoke token ${name}` }).click();
    const confirm = page.getByRole("dialog", { name: `Revoke the token “${name}”?` });
    await confirm.getByRole("button", { name: "Revoke token", exact: true }).click();
    // While the modal is open the page behind it is hidden from the accessibility tree, rows too.
    await expect(confirm).toBeHidden();
    await expect(row).toHaveCount(0);

    const refused = await request.get("/api/v1/tags", { headers: auth });
    expect(refused.status()).toBe(401);
    expect(refused.headers()["www-authenticate"]).toMatch(/^Bearer/);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
  });
});
