import { expect, storageStateOf, test } from "../fixtures";
import { axeViolations } from "../axe";

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("finds the API docs from Settings › API tokens and reads the operations, with no accessibility violations", async ({ page }) => {
    test.setTimeout(60_000); // the reference of every operation is a large page for axe to scan
    await page.goto("/settings/api-tokens");
    await page.getByRole("link", { name: "API docs" }).click();
    await expect(page).toHaveURL(/\/api\/docs$/);
    await expect(page.getByRole("heading", { level: 1, name: "API docs" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible(); // inside the app, with its sidebar
    await expect(page.getByRole("heading", { name: /^Switchboard API/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "GET /contacts/{contact_id} Get a contact" })).toBeVisible();

    await page.getByRole("button", { name: "GET /contacts List contacts" }).click();
    await expect(page.getByText("Needs a token with the read scope (or write or admin).").first()).toBeVisible();
    await expect(page.getByText("Contacts per page.")).toBeVisible();
    await expect(page.getByRole("combobox", { name: "sort (query)" })).toBeAttached(); // the enum's <select>, named by its parameter
    await expect(page.getByRole("button", { name: "POST /contacts/merge Merge contacts" })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("/api/docs sends to the login page, /api/v1/openapi.json answers the document without a token", async ({ page, request }) => {
    await page.goto("/api/docs");
    await expect(page).toHaveURL(/\/login/);

    const response = await request.get("/api/v1/openapi.json");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);
    const document = (await response.json()) as { openapi: string; info: { title: string }; paths: Record<string, unknown> };
    expect(document.openapi).toBe("3.1.0");
    expect(document.info.title).toBe("Switchboard API");
    expect(Object.keys(document.paths)).toContain("/contacts/{contact_id}");
  });
});
