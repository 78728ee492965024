import { eq } from "drizzle-orm";
import { contactEmails, contactPhones, contacts } from "../../db/schema";
import { expect, storageStateOf, test, token } from "../fixtures";

test.describe("the profile's Attributes card, as an agent", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("edits a default field and a custom dropdown in one pattern: marked unsaved until Save, then stored", async ({ page, database, makeContact, makeAttribute }) => {
    const plan = await makeAttribute({ label: token("Plan "), type: "dropdown", options: ["Free", "Pro"] });
    const c = await makeContact({ firstName: "Una", lastName: token("Saved"), jobTitle: "Clerk" });
    await page.goto(`/contacts/${c.id}`);
    const attributes = page.getByRole("region", { name: "Attributes" });
    await attributes.getByRole("button", { name: "Edit attributes" }).click();

    await attributes.getByLabel("Job title").fill("Head of sales");
    await attributes.getByLabel(plan.label).selectOption("Pro");
    // Both changes are marked, and the card says there is something to save.
    await expect(attributes.getByText("Unsaved", { exact: true })).toHaveCount(2);
    await expect(attributes.getByRole("status")).toHaveText("You have unsaved changes (2 fields).");

    // Leaving by an in-app link asks first; staying keeps what was typed.
    page.once("dialog", (dialog) => {
      expect(dialog.message()).toContain("unsaved changes");
      void dialog.dismiss();
    });
    await page.getByRole("link", { name: "← Contacts" }).click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${c.id}$`));
    await expect(attributes.getByLabel("Job title")).toHaveValue("Head of sales");

    await attributes.getByRole("button", { name: "Save", exact: true }).click();
    await expect(attributes.getByRole("status")).toHaveText("Saved.");
    await expect(attributes.getByText("Head of sales")).toBeVisible();
    await expect(attributes.getByText("Pro", { exact: true })).toBeVisible();
    await expect(attributes.getByText("Unsaved", { exact: true })).toHaveCount(0);
    const [row] = await database.db.select().from(contacts).where(eq(contacts.id, c.id));
    expect(row).toMatchObject({ jobTitle: "Head of sales", version: c.version + 1 });
    await expect(page.getByRole("region", { name: "Activity" }).getByText(`${plan.label} set to “Pro”`)).toBeVisible();
  });

  test("shows a refused value beside its field, and Cancel puts the stored values back", async ({ page, makeContact }) => {
    const c = await makeContact({ firstName: "Vera", lastName: token("Refused"), city: "Lyon" });
    await page.goto(`/contacts/${c.id}`);
    const attributes = page.getByRole("region", { name: "Attributes" });
    await attributes.getByRole("button", { name: "Edit attributes" }).click();
    await attributes.getByLabel("Time zone").fill("Mars/Olympus");
    await attributes.getByRole("button", { name: "Save", exact: true }).click();
    await expect(attributes.getByLabel("Time zone")).toHaveAttribute("aria-invalid", "true");
    await expect(attributes.getByLabel("Time zone")).toHaveAccessibleDescription(/.+/);
    await attributes.getByRole("button", { name: "Cancel" }).click();
    await expect(attributes.getByText("Mars/Olympus")).toHaveCount(0);
    await expect(attributes.getByText("Lyon")).toBeVisible();
  });

  test("folds empty fields away behind Show empty fields, with their count", async ({ page, makeContact }) => {
    const c = await makeContact({ firstName: "Fay", lastName: token("Sparse"), company: "Shown Ltd" });
    await page.goto(`/contacts/${c.id}`);
    const attributes = page.getByRole("region", { name: "Attributes" });
    await expect(attributes.getByText("Shown Ltd")).toBeVisible();
    await expect(attributes.getByText("Job title", { exact: true })).toHaveCount(0);
    const show = attributes.getByRole("button", { name: /^Show empty fields \(\d+\)$/ });
    await show.click();
    await expect(attributes.getByText("Job title", { exact: true })).toBeVisible();
    await attributes.getByRole("button", { name: "Hide empty fields" }).click();
    await expect(attributes.getByText("Job title", { exact: true })).toHaveCount(0);
  });
});

test.describe("the profile's layout", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("at 1440 px the notes and the activity sit beside the attributes, in view at once", async ({ page, makeContact }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const c = await makeContact({ firstName: "Wide", lastName: token("Layout") }, { emails: [`${token("wide")}@example.test`] });
    await page.goto(`/contacts/${c.id}`);
    const attributes = (await page.getByRole("region", { name: "Attributes" }).boundingBox())!;
    const notes = (await page.getByRole("region", { name: "Notes" }).boundingBox())!;
    const activity = (await page.getByRole("region", { name: "Activity" }).boundingBox())!;
    expect(notes.x).toBeGreaterThanOrEqual(attributes.x + attributes.width);
    expect(notes.y).toBeLessThan(900);
    expect(activity.x).toBe(notes.x);
    expect(activity.y).toBeLessThan(900);
  });

  test("at 390 px one column: the identifiers, then the notes, above the attributes", async ({ page, makeContact }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const c = await makeContact({ firstName: "Narrow", lastName: token("Layout") }, { emails: [`${token("narrow")}@example.test`] });
    await page.goto(`/contacts/${c.id}`);
    const identifiers = (await page.getByRole("region", { name: "Identifiers" }).boundingBox())!;
    const notes = (await page.getByRole("region", { name: "Notes" }).boundingBox())!;
    const attributes = (await page.getByRole("region", { name: "Attributes" }).boundingBox())!;
    expect(notes.y).toBeGreaterThan(identifiers.y);
    expect(attributes.y).toBeGreaterThan(notes.y);
    expect(Math.round(notes.x)).toBe(Math.round(attributes.x));
  });
});

test.describe("identifier conflicts, as a supervisor", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("Merge with the holder on the profile opens the merge drawer with both contacts", async ({ page, makeContact }) => {
    const tok = token("Mw");
    const mine = await makeContact({ firstName: "Mona", lastName: tok }, { emails: [`mona.${tok}@example.test`.toLowerCase()] });
    await makeContact({ firstName: "Milo", lastName: tok }, { emails: [`milo.${tok}@example.test`.toLowerCase()] });
    await page.goto(`/contacts/${mine.id}`);
    const identifiers = page.getByRole("region", { name: "Identifiers" });
    await identifiers.getByLabel("New email address").fill(`milo.${tok}@example.test`);
    await identifiers.getByRole("button", { name: "Add email" }).click();
    await identifiers.getByRole("link", { name: `Merge with Milo ${tok}` }).click();
    const drawer = page.getByRole("dialog", { name: "Merge contacts" });
    await expect(drawer).toBeVisible();
    await expect(drawer.getByText(`Mona ${tok}`).first()).toBeVisible();
    await expect(drawer.getByText(`Milo ${tok}`).first()).toBeVisible();
    await expect(drawer.getByRole("button", { name: "Merge", exact: true })).toBeEnabled();
    await drawer.getByRole("button", { name: "Cancel" }).click();
    await expect(drawer).toHaveCount(0);
    await expect(page).toHaveURL(new RegExp(`/contacts/${mine.id}$`));
  });

  test("New contact: Add to <holder> instead adds the typed e-mail and phone to the holder and creates nothing", async ({ page, database, makeContact }) => {
    const tok = token("Add");
    const held = `held.${tok}@example.test`.toLowerCase();
    const holder = await makeContact({ firstName: "Hal", lastName: tok }, { emails: [held] });
    const n = String(1000 + Math.floor(Math.random() * 9000));

    await page.goto("/contacts/new");
    await page.getByLabel("First name").fill(`Hal ${tok}`);
    await page.getByLabel("Email").fill(held.toUpperCase());
    await page.getByLabel("Phone").fill(`(319) 555-${n}`);
    await page.getByRole("button", { name: "Create contact" }).click();
    await expect(page.getByText(`This email address belongs to Hal ${tok}.`)).toBeVisible();
    // The holder opens in a new tab; the form keeps what was typed.
    await expect(page.getByRole("link", { name: `Open Hal ${tok} in a new tab` })).toHaveAttribute("target", "_blank");
    await expect(page.getByLabel("Phone")).toHaveValue(`(319) 555-${n}`);

    await page.getByRole("button", { name: `Add to Hal ${tok} instead` }).click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${holder.id}\\?added=1$`));
    await expect(page.getByRole("status").filter({ hasText: `What you typed was added to Hal ${tok}.` })).toBeVisible();
    await expect(page.getByRole("region", { name: "Identifiers" }).getByRole("link", { name: `+1 319-555-${n}` })).toBeVisible();
    const phones = await database.db.select().from(contactPhones).where(eq(contactPhones.contactId, holder.id));
    expect(phones.map((p) => p.e164)).toEqual([`+1319555${n}`]);
    expect(await database.db.$count(contactEmails, eq(contactEmails.contactId, holder.id))).toBe(1);
    // Nothing was created: the only contact with the typed first name would be a new one.
    expect(await database.db.$count(contacts, eq(contacts.firstName, `Hal ${tok}`))).toBe(0);
  });
});

test.describe("identifier conflicts on New contact, as an agent", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("offers only to open the holder in a new tab, not to add to it", async ({ page, makeContact }) => {
    const tok = token("NoAdd");
    const held = `held.${tok}@example.test`.toLowerCase();
    await makeContact({ firstName: "Ida", lastName: tok }, { emails: [held] });
    await page.goto("/contacts/new");
    await page.getByLabel("Email").fill(held);
    await page.getByRole("button", { name: "Create contact" }).click();
    await expect(page.getByRole("link", { name: `Open Ida ${tok} in a new tab` })).toBeVisible();
    await expect(page.getByRole("button", { name: /instead$/ })).toHaveCount(0);
  });
});
