import { eq } from "drizzle-orm";
import { contactTags, tags } from "../../db/schema";
import { axeViolations } from "../axe";
import { expect, storageStateOf, test, token } from "../fixtures";

// Issue 21: the tag choices (bulk add/remove, the filter's values) are a searchable picker, not a
// native multi-select needing Ctrl-click; it creates a tag where the role may.

test.describe("the tag picker as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("bulk Add tags: type to filter, choose with the keyboard, create a new tag, apply; the rows show both", async ({ page, database, makeContact }) => {
    const tok = token("Pick");
    await database.db.insert(tags).values([{ name: `Existing ${tok}` }, { name: `Other ${tok}` }]);
    for (let i = 0; i < 2; i++) await makeContact({ firstName: `Pia${i}`, lastName: tok });
    await page.goto(`/contacts?q=${tok}`);
    await page.getByRole("checkbox", { name: "Select all on this page" }).check();
    await page.getByRole("region", { name: "Selection" }).getByRole("button", { name: "Add tags" }).click();
    const dialog = page.getByRole("dialog", { name: "Add tags" });
    await expect(dialog.getByTestId("bulk-count")).toHaveText("This applies to 2 contacts.");

    await dialog.getByRole("button", { name: "Tags", exact: true }).click();
    const search = page.getByRole("combobox", { name: "Search tags" });
    await expect(search).toBeFocused();
    await search.fill(`existing ${tok.toLowerCase()}`);
    const options = page.getByRole("listbox", { name: "Suggestions" }).getByRole("option");
    await expect(options).toHaveCount(1);
    await expect(options.first()).toHaveAccessibleName(`Existing ${tok}`);
    await page.keyboard.press("Enter");
    await expect(options.first()).toHaveAccessibleName(new RegExp(`^Existing ${tok}\\s*\\(chosen\\)$`));

    const fresh = `Fresh ${tok}`;
    await search.fill(fresh);
    await expect(options).toHaveCount(1);
    await expect(options.first()).toHaveText(`+Create tag “${fresh}”`);
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press("Enter");
    const chosen = dialog.getByRole("list", { name: "Chosen tags" });
    await expect(chosen.getByRole("listitem")).toHaveText([`Existing ${tok}×`, `${fresh}×`]);
    await page.keyboard.press("Escape");
    await expect(page.getByRole("listbox")).toHaveCount(0);
    await expect(dialog).toBeVisible();

    // A chip's × takes the tag out again; choose it back through the picker with the arrows.
    await chosen.getByRole("button", { name: `Remove ${fresh}` }).click();
    await expect(chosen.getByRole("listitem")).toHaveText([`Existing ${tok}×`]);
    await dialog.getByRole("button", { name: "Tags", exact: true }).click();
    await search.fill(tok);
    // Sorted by name; "Create tag" last, since no tag is named just the token.
    await expect(options).toHaveCount(4);
    await expect(options.nth(1)).toHaveAccessibleName(fresh);
    await expect(options.nth(2)).toHaveAccessibleName(`Other ${tok}`);
    await expect(options.nth(3)).toHaveText(`+Create tag “${tok}”`);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    await expect(chosen.getByRole("listitem")).toHaveText([`Existing ${tok}×`, `${fresh}×`]);

    await dialog.getByRole("button", { name: "Add tags to 2 contacts" }).click();
    await expect(dialog.getByRole("status")).toHaveText("Done: 2 of 2 contacts.");
    await dialog.getByRole("button", { name: "Close" }).click();
    const [made] = await database.db.select().from(tags).where(eq(tags.name, fresh));
    expect(made).toBeDefined();
    expect(await database.db.select().from(contactTags).where(eq(contactTags.tagId, made!.id))).toHaveLength(2);
    await expect(page.getByRole("cell", { name: new RegExp(fresh) })).toHaveCount(2);
  });

  test("the filter's tag condition: pick a tag by typing, apply, only its contacts are listed", async ({ page, database, makeContact }) => {
    const tok = token("Flt");
    const [tag] = await database.db.insert(tags).values({ name: `Ünique ${tok}` }).returning();
    const tagged = await makeContact({ firstName: "Has", lastName: tok });
    await makeContact({ firstName: "Lacks", lastName: tok });
    await database.db.insert(contactTags).values({ contactId: tagged.id, tagId: tag!.id });
    await page.goto(`/contacts?q=${tok}`);
    await expect(page.getByRole("link", { name: `Lacks ${tok}` })).toBeVisible();
    await page.getByRole("button", { name: "Filter" }).click();
    await page.getByRole("button", { name: "Add condition" }).click();
    const condition = page.getByRole("group", { name: "Condition 1" });
    await condition.getByLabel("Field").selectOption({ label: "Tags" });
    await condition.getByRole("button", { name: "Value", exact: true }).click();
    // Typed without the accent, it still finds "Ünique".
    await page.getByRole("combobox", { name: "Search value" }).fill(`unique ${tok}`);
    const options = page.getByRole("listbox", { name: "Suggestions" }).getByRole("option");
    await expect(options).toHaveCount(1);
    await expect(options).toHaveAccessibleName(`Ünique ${tok}`);
    await page.keyboard.press("Enter");
    await page.keyboard.press("Escape");
    await expect(condition.getByRole("list", { name: "Chosen value" }).getByRole("listitem")).toHaveText([`Ünique ${tok}×`]);
    await page.getByRole("button", { name: "Apply filter" }).click();
    await expect(page.getByRole("link", { name: `Lacks ${tok}` })).toHaveCount(0);
    await expect(page.getByRole("link", { name: `Has ${tok}` })).toBeVisible();
  });
});

test.describe("the tag picker as a supervisor", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("offers no new tag, and says why", async ({ page, makeContact }) => {
    const tok = token("NoNew");
    await makeContact({ firstName: "Sue", lastName: tok });
    await page.goto(`/contacts?q=${tok}`);
    await page.getByRole("checkbox", { name: `Select Sue ${tok}` }).check();
    await page.getByRole("button", { name: "Add tags" }).click();
    const dialog = page.getByRole("dialog", { name: "Add tags" });
    await dialog.getByRole("button", { name: "Tags", exact: true }).click();
    await page.getByRole("combobox", { name: "Search tags" }).fill(`Brand new ${tok}`);
    await expect(page.getByRole("option", { name: /Create tag/ })).toHaveCount(0);
    await expect(page.getByText("Your role cannot create tags: pick an existing one.")).toBeVisible();
  });
});
