import { expect, storageStateOf, test, token } from "../fixtures";
import { axeViolations } from "../axe";

test.describe("after an import", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("Go to contacts opens the list filtered to exactly the contacts that import created or updated", async ({ page, makeContact }) => {
    test.setTimeout(120_000);
    const tok = token("Imp");
    const email = (n: string) => `${n}.${tok}@example.test`.toLowerCase();
    // Already a contact: the file's row merges into her. Not in the file: must stay out of the list.
    await makeContact({ firstName: "Mara", lastName: tok }, { emails: [email("mara")] });
    await makeContact({ firstName: "Otto", lastName: tok }, { emails: [email("otto")] });
    const csv = `First name,Last name,Email\nIda,${tok},${email("ida")}\nJon,${tok},${email("jon")}\nMara,${tok},${email("mara")}\n`;

    await page.goto("/contacts/import");
    await page.getByLabel("CSV file").setInputFiles({ name: `${tok}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
    await expect(page.getByRole("heading", { name: "Map columns" })).toBeVisible();
    await page.getByRole("button", { name: "Review" }).click();
    await page.getByRole("button", { name: "Import 3 rows" }).click();
    const wizard = page.getByRole("region", { name: "Import wizard" });
    await expect(wizard.getByText("Completed", { exact: true })).toBeVisible({ timeout: 30_000 });

    await wizard.getByRole("link", { name: "Go to contacts" }).click();
    await expect(page).toHaveURL(/\/contacts\?f=/);
    await expect(page.getByRole("list", { name: "Active filter" }).getByRole("listitem")).toHaveText([`Import is ${tok}.csv (3 contacts)`]);
    await expect(page.getByTestId("range")).toHaveText("1–3 of 3");
    for (const name of ["Ida", "Jon", "Mara"]) await expect(page.getByRole("link", { name: `${name} ${tok}` })).toBeVisible();
    await expect(page.getByRole("link", { name: `Otto ${tok}` })).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);

    // The filter builder shows the same condition, the import chosen by name.
    await page.getByRole("button", { name: "Filter", exact: true }).click();
    await expect(page.getByLabel("Import", { exact: true })).toHaveValue(/^[0-9a-f-]{36}$/);
  });
});
