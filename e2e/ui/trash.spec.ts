import { eq, inArray } from "drizzle-orm";
import { contacts, notes } from "../../db/schema";
import { axeViolations } from "../axe";
import { expect, storageStateOf, test, token } from "../fixtures";

const phone = () => `+1503555${String(1000 + Math.floor(Math.random() * 9000))}`;

// SPEC §9: a delete moves a contact to Trash; the admins find it there, restore it or delete it forever.
test.describe("Trash as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });
  test.describe.configure({ timeout: 90_000 });

  test("deletes a contact, finds it in Trash, restores it with its notes", async ({ page, database, makeContact }) => {
    const c = await makeContact({ firstName: "Trudy", lastName: token("Trash") });
    const name = `Trudy ${c.lastName}`;
    await database.db.insert(notes).values({ contactId: c.id, body: "Call back on Monday" });

    await page.goto(`/contacts/${c.id}`);
    await page.getByRole("button", { name: "Delete contact" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this contact?" });
    await expect(dialog).toContainText("moves to Trash");
    await dialog.getByRole("button", { name: "Move to Trash" }).click();
    await expect(page).toHaveURL(/\/contacts$/);

    // Gone from All contacts, there in Trash.
    await page.goto(`/contacts?q=${c.lastName}`);
    await expect(page.getByRole("heading", { name: `No contacts match “${c.lastName}”` })).toBeVisible();
    await page.getByRole("navigation", { name: "Segments" }).getByRole("link", { name: /^Trash/ }).click();
    await expect(page).toHaveURL(/segment=trash/);
    await page.getByRole("searchbox").fill(c.lastName!);
    // The search navigates after its debounce: click once the list shows its result.
    await expect(page).toHaveURL(new RegExp(`q=${c.lastName}`));
    await expect(page.getByTestId("range")).toHaveText("1–1 of 1");
    await page.getByRole("link", { name }).click();

    const banner = page.getByRole("region", { name: "In Trash" });
    await expect(banner).toContainText("will be deleted for good on");
    expect(await axeViolations(page)).toEqual([]);
    await banner.getByRole("button", { name: "Restore" }).click();
    await expect(page.getByRole("region", { name: "In Trash" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Delete contact" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Notes" })).toContainText("Call back on Monday");
    const [row] = await database.db.select().from(contacts).where(eq(contacts.id, c.id));
    expect(row!.trashedAt).toBeNull();
  });

  test("creating a contact with a trashed contact's phone offers Restore instead", async ({ page, database, makeContact }) => {
    const number = phone();
    const held = await makeContact({ firstName: "Held", lastName: token("Number"), trashedAt: new Date() }, { phones: [number] });
    await page.goto("/contacts/new");
    await page.getByLabel("Last name").fill(token("Second"));
    await page.getByLabel("Phone").fill(number);
    await page.getByRole("button", { name: "Create contact" }).click();
    await expect(page.getByText("who is in Trash")).toBeVisible();
    await page.getByRole("link", { name: `Restore Held ${held.lastName} from Trash` }).click();
    await page.getByRole("region", { name: "In Trash" }).getByRole("button", { name: "Restore" }).click();
    await expect(page.getByRole("region", { name: "In Trash" })).toHaveCount(0);
    const [row] = await database.db.select().from(contacts).where(eq(contacts.id, held.id));
    expect(row!.trashedAt).toBeNull();
  });

  test("deletes contacts forever from the Trash view after typing the count", async ({ page, database, makeContact }) => {
    const tok = token("Purge");
    const made = [await makeContact({ lastName: tok, trashedAt: new Date() }), await makeContact({ lastName: tok, trashedAt: new Date() })];
    await page.goto(`/contacts?segment=trash&q=${tok}`);
    await page.getByRole("checkbox", { name: "Select all on this page" }).check();
    await expect(page.getByTestId("selection-target")).toHaveText("2 contacts selected");
    await expect(page.getByRole("button", { name: "Add tags" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Restore" })).toBeVisible();
    // Destructive: in the menu, not a button of the bar.
    await page.getByRole("button", { name: "More actions" }).click();
    await page.getByRole("menuitem", { name: "Delete forever…" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete forever" });
    await dialog.getByLabel("Type 2 to delete 2 contacts for good").fill("2");
    await dialog.getByRole("button", { name: "Delete 2 contacts forever" }).click();
    await expect(dialog.getByRole("status")).toHaveText("Done: 2 of 2 contacts.");
    await dialog.getByRole("button", { name: "Close" }).click();
    expect(await database.db.select().from(contacts).where(inArray(contacts.id, made.map((m) => m.id)))).toEqual([]);
  });
});

test.describe("Trash as a supervisor", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("has no Trash tab, and a trashed contact's profile is not found", async ({ page, makeContact }) => {
    const c = await makeContact({ trashedAt: new Date() });
    await page.goto("/contacts");
    await expect(page.getByRole("navigation", { name: "Segments" }).getByRole("link", { name: /^All contacts/ })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Segments" }).getByRole("link", { name: /^Trash/ })).toHaveCount(0);
    await page.goto(`/contacts/${c.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Contact not found" })).toBeVisible();
  });
});
