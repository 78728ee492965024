import { sql } from "drizzle-orm";
import { contactTags, tags } from "../../db/schema";
import { axeViolations } from "../axe";
import { expect, storageStateOf, test, token } from "../fixtures";

// Issue 21, "The list": a short toolbar, bulk actions only for a selection, a sticky header and first
// column, tags as whole chips with "+N", and the first rows in view on a phone.

test.describe("the list's toolbar as a supervisor", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("bulk actions appear only with a selection, and Delete waits in the More actions menu", async ({ page, makeContact }) => {
    const tok = token("Bar");
    for (let i = 0; i < 3; i++) await makeContact({ firstName: `Bo${i}`, lastName: tok });
    await page.goto(`/contacts?q=${tok}`);
    await expect(page.getByRole("link", { name: `Bo0 ${tok}` })).toBeVisible();
    const bar = page.getByRole("region", { name: "Selection" });
    await expect(bar).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Add tags" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Delete/ })).toHaveCount(0);

    await page.getByRole("checkbox", { name: `Select Bo1 ${tok}` }).check();
    await expect(bar).toBeVisible();
    await expect(bar.getByTestId("selection-target")).toHaveText("1 contact selected");
    await expect(bar.getByRole("button", { name: "Add tags" })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await expect(bar.getByRole("button", { name: "Merge", exact: true })).toBeDisabled();
    await expect(bar.getByRole("button", { name: "Merge", exact: true })).toHaveAccessibleDescription("Select at least 2 contacts to merge.");
    // No Delete button anywhere: it is a menu item.
    await expect(page.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
    await bar.getByRole("button", { name: "More actions" }).click();
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitem", { name: "Delete…" })).toBeVisible();
    await expect(menu.getByRole("menuitem", { name: "Remove tags…" })).toBeVisible();
    await menu.getByRole("menuitem", { name: "Delete…" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete contacts" });
    await expect(dialog.getByTestId("bulk-count")).toHaveText("This applies to 1 contact.");
    await dialog.getByRole("button", { name: "Cancel" }).click();

    await bar.getByRole("button", { name: "Clear selection" }).click();
    await expect(bar).toHaveCount(0);
  });

  test("the header and the name column stay in view while the table scrolls inside its own box", async ({ page, database }) => {
    await page.setViewportSize({ width: 800, height: 700 });
    const company = token("Sticky");
    await database.db.execute(sql`
      insert into contacts (contact_key, first_name, last_name, company, job_title, city)
      select ${company} || '-' || g, 'Stuck', 'Person ' || lpad(g::text, 2, '0'), ${company}, 'Head of a very long department name', 'Llanfairpwllgwyngyll'
      from generate_series(1, 40) g`);
    await page.goto(`/contacts?q=${company}&size=50`);
    const scroller = page.getByRole("region", { name: "Contacts table" });
    await expect(scroller.getByRole("row")).toHaveCount(41);
    // The box ends within the window, so its sideways scrollbar is reachable without scrolling the page.
    const box = (await scroller.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(700);
    const header = scroller.getByRole("columnheader", { name: "Email" });
    const before = (await header.boundingBox())!;
    await scroller.evaluate((el) => el.scrollTo({ top: 600 }));
    await expect.poll(async () => (await header.boundingBox())!.y).toBeCloseTo(before.y, 0);
    // Scrolled sideways, the name column stays pinned beside the checkbox column.
    const name = scroller.getByRole("link", { name: "Stuck Person 30" });
    const nameBefore = (await name.boundingBox())!;
    const emailBefore = (await header.boundingBox())!;
    await scroller.evaluate((el) => el.scrollTo({ left: 300 }));
    const scrolled = await scroller.evaluate((el) => el.scrollLeft);
    expect(scrolled).toBeGreaterThan(50);
    await expect.poll(async () => (await header.boundingBox())!.x).toBeCloseTo(emailBefore.x - scrolled, 0);
    await expect.poll(async () => (await name.boundingBox())!.x).toBeCloseTo(nameBefore.x, 0);
  });

  test("tags show as whole chips, at most two, then +N naming the rest", async ({ page, database, makeContact }) => {
    const tok = token("Chips");
    const made = await makeContact({ firstName: "Tagged", lastName: tok });
    const names = ["Alpha", "Beta tester", "Gamma", "Delta"].map((n) => `${n} ${tok}`);
    const rows = await database.db.insert(tags).values(names.map((name) => ({ name }))).returning();
    await database.db.insert(contactTags).values(rows.map((t) => ({ contactId: made.id, tagId: t.id })));
    await page.goto(`/contacts?q=${tok}`);
    const row = page.getByRole("row", { name: new RegExp(`Tagged ${tok}`) });
    // Tags come sorted by name: the first two as whole chips, then "+2" naming the others.
    await expect(row.getByText(`Alpha ${tok}`, { exact: true })).toBeVisible();
    await expect(row.getByText(`Beta tester ${tok}`, { exact: true })).toBeVisible();
    await expect(row.getByText(`Gamma ${tok}`, { exact: true })).toHaveCount(0);
    const more = row.getByText("+2");
    await expect(more).toBeVisible();
    await expect(more).toHaveAttribute("title", `Delta ${tok}, Gamma ${tok}`);
    // Whole words: a chip is as wide as its name.
    const chip = row.getByText(`Beta tester ${tok}`, { exact: true });
    expect(await chip.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  });

  test("on a 390-px phone the first rows show without scrolling past the toolbar", async ({ page, makeContact }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const tok = token("Phone");
    for (let i = 0; i < 3; i++) await makeContact({ firstName: `Ph${i}`, lastName: tok });
    await page.goto(`/contacts?q=${tok}`);
    const last = page.getByRole("link", { name: `Ph0 ${tok}` });
    await expect(last).toBeVisible();
    const at = (await last.boundingBox())!;
    expect(at.y + at.height).toBeLessThan(844);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });
});
