import { readFile } from "node:fs/promises";
import { eq, inArray } from "drizzle-orm";
import { contacts, contactTags, tags } from "../../db/schema";
import { expect, storageStateOf, test, token } from "../fixtures";

test.describe("bulk actions as a supervisor", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("tags every matching contact, exports them, then deletes them (to Trash) after typing the count", async ({ page, database, makeContact }) => {
    test.setTimeout(60_000);
    const tok = token("Bulk");
    const [tag] = await database.db.insert(tags).values({ name: `Campaign ${tok}` }).returning();
    const made = [];
    for (let i = 0; i < 3; i++) {
      made.push(await makeContact({ firstName: `Bo${i}`, lastName: tok, company: i === 0 ? "=HYPERLINK(\"http://evil\")" : "Acme" }, { phones: [`+1503555${String(1000 + Math.floor(Math.random() * 9000))}`] }));
    }
    await page.goto(`/contacts?q=${tok}`);
    const selectAll = page.getByRole("checkbox", { name: "Select all on this page" });
    await selectAll.check();
    await expect(page.getByTestId("selection-target")).toHaveText("3 contacts selected");

    await page.getByRole("button", { name: "Add tags" }).click();
    const dialog = page.getByRole("dialog", { name: "Add tags" });
    await expect(dialog.getByTestId("bulk-count")).toHaveText("This applies to 3 contacts.");
    await dialog.getByRole("button", { name: "Tags", exact: true }).click();
    await page.getByRole("combobox", { name: "Search tags" }).fill(`Campaign ${tok}`);
    await page.getByRole("option", { name: `Campaign ${tok}` }).click();
    await page.keyboard.press("Escape");
    await expect(dialog.getByRole("list", { name: "Chosen tags" })).toContainText(`Campaign ${tok}`);
    await dialog.getByRole("button", { name: "Add tags to 3 contacts" }).click();
    await expect(dialog.getByRole("progressbar")).toBeVisible();
    await expect(dialog.getByRole("status")).toHaveText("Done: 3 of 3 contacts.");
    await dialog.getByRole("button", { name: "Close" }).click();
    const tagged = await database.db.select().from(contactTags).where(eq(contactTags.tagId, tag!.id));
    expect(tagged.map((t) => t.contactId).sort()).toEqual(made.map((m) => m.id).sort());
    await expect(page.getByRole("cell", { name: `Campaign ${tok}` }).first()).toBeVisible();

    // The refreshed rows start with no selection: tick them again.
    await selectAll.check();
    await page.getByRole("button", { name: "Export CSV" }).click();
    const exportDialog = page.getByRole("dialog", { name: "Export CSV" });
    const [download] = await Promise.all([page.waitForEvent("download"), exportDialog.getByRole("link", { name: "Download CSV" }).click()]);
    const csv = await readFile((await download.path())!, "utf8");
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toContain("Name");
    expect(csv).toContain(`Campaign ${tok}`);
    expect(csv).toMatch(/\+1503555\d{4}/);
    // The formula is neutralised, not exported as a live formula.
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);

    // Delete is not a button of the bar: it waits in the More actions menu.
    await expect(page.getByRole("button", { name: "Delete", exact: true })).toHaveCount(0);
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Delete…" }).click();
    const del = page.getByRole("dialog", { name: "Delete contacts" });
    const confirm = del.getByRole("button", { name: "Move 3 contacts to Trash" });
    await expect(confirm).toBeDisabled();
    await del.getByLabel("Type 3 to move 3 contacts to Trash").fill("2");
    await expect(confirm).toBeDisabled();
    await del.getByLabel("Type 3 to move 3 contacts to Trash").fill("3");
    await confirm.click();
    await expect(del.getByRole("status")).toHaveText("Done: 3 of 3 contacts.");
    await del.getByRole("button", { name: "Close" }).click();
    // In Trash (SPEC §9): the rows wait there, out of every list.
    const left = await database.db.select().from(contacts).where(inArray(contacts.id, made.map((m) => m.id)));
    expect(left.every((c) => c.trashedAt !== null)).toBe(true);
    await expect(page.getByRole("heading", { name: `No contacts match “${tok}”` })).toBeVisible();
  });
});

test.describe("export as a supervisor", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("Export with no row ticked: the whole view's CSV, in the list's order (sorted by name, not created order)", async ({ page, makeContact }) => {
    const tok = token("Ord");
    for (const first of ["Bella", "Adam", "Carl"]) await makeContact({ firstName: first, lastName: tok });
    await page.goto(`/contacts?q=${tok}&sort=name.asc`);
    await expect.poll(() => page.locator("tbody tr td:nth-child(2)").allInnerTexts()).toEqual([`Adam ${tok}`, `Bella ${tok}`, `Carl ${tok}`]);
    await expect(page.getByRole("region", { name: "Selection" })).toHaveCount(0);
    await page.getByRole("button", { name: "Export", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Export CSV" });
    await expect(dialog.getByText("Exports every contact in this view", { exact: false })).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("link", { name: "Download CSV" }).click()]);
    const lines = (await readFile((await download.path())!, "utf8")).trim().split(/\r?\n/);
    const name = lines[0]!.split(",").indexOf('"Name"');
    expect(name).toBeGreaterThanOrEqual(0);
    expect(lines.slice(1).map((line) => line.split(",")[name])).toEqual([`"Adam ${tok}"`, `"Bella ${tok}"`, `"Carl ${tok}"`]);
  });
});

test.describe("bulk actions as an agent", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("has no bulk delete, and the bulk endpoints refuse", async ({ page, makeContact }) => {
    const tok = token("AgBulk");
    const c = await makeContact({ firstName: "Ann", lastName: tok });
    await page.goto(`/contacts?q=${tok}`);
    await expect(page.getByRole("link", { name: `Ann ${tok}` })).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete", exact: true })).toHaveCount(0);
    // Export is a supervisor's (SPEC §2): an agent is not offered it.
    await expect(page.getByRole("button", { name: "Export", exact: true })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Add tags" })).toHaveCount(0);
    const res = await page.request.get(`/api/contacts/export?ids=${c.id}`);
    expect(res.status()).toBe(403);
  });
});
