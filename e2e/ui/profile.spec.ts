import { eq } from "drizzle-orm";
import { expect, storageStateOf, test } from "../fixtures";
import type { Connection } from "../../db/client";
import { attributeDefinitions, contactEmails, contacts, tags } from "../../db/schema";

const tag = () => Math.random().toString(36).slice(2, 9);

/** A contact inserted straight into the database, with a unique name and e-mail. */
async function seedContact(database: Connection, firstName = "Grace") {
  const t = tag();
  const lastName = `Hopper ${t}`;
  const email = `grace.${t}@example.test`;
  const [row] = await database.db.insert(contacts).values({ contactKey: `E2E-${t}`, firstName, lastName }).returning();
  await database.db.insert(contactEmails).values({ contactId: row!.id, email, emailNormalized: email, isPrimary: true });
  return { id: row!.id, name: `${firstName} ${lastName}`, email };
}

/** A fresh (319) 555-xxxx number as typed and as shown. */
function usPhone() {
  const n = String(Math.floor(Math.random() * 10000)).padStart(4, "0");
  return { typed: `(319) 555-${n}`, shown: `+1 319-555-${n}` };
}

test.describe("as an agent", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("creates a contact and fills in the profile: phone, second e-mail, dropdown attribute, tag, note; a taken e-mail is refused", async ({ page, database }) => {
    const t = tag();
    const plan = `Plan ${t}`;
    await database.db.insert(attributeDefinitions).values({ key: `plan_${t}`, label: plan, type: "dropdown", options: ["Free", "Pro", "Enterprise"] });
    const [vip] = await database.db.insert(tags).values({ name: `VIP ${t}`, color: "#b45309" }).returning();
    const other = await seedContact(database);
    const phone = usPhone();

    await page.goto("/contacts/new");
    await page.getByLabel("First name").fill("Ada");
    await page.getByLabel("Last name").fill(`Lovelace ${t}`);
    await page.getByLabel("Email").fill(`ada.${t}@example.test`);
    await page.getByLabel("Phone").fill(phone.typed);
    await page.getByRole("button", { name: "Create contact" }).click();

    await expect(page).toHaveURL(/\/contacts\/\d+$/);
    await expect(page.getByRole("heading", { level: 1, name: `Ada Lovelace ${t}` })).toBeVisible();
    const identifiers = page.getByRole("region", { name: "Identifiers" });
    await expect(identifiers.getByRole("link", { name: phone.shown })).toBeVisible();

    await identifiers.getByLabel("New email address").fill(`ada.work.${t}@example.test`);
    await identifiers.getByRole("button", { name: "Add email" }).click();
    await expect(identifiers.getByRole("status")).toHaveText("Email added.");
    await expect(identifiers.getByRole("list", { name: "Emails" }).getByRole("listitem")).toHaveCount(2);
    await expect(identifiers.getByRole("link", { name: `ada.work.${t}@example.test` })).toBeVisible();

    const attributes = page.getByRole("region", { name: "Attributes" });
    await attributes.getByRole("button", { name: "Edit attributes" }).click();
    await attributes.getByLabel(plan).selectOption("Pro");
    await attributes.getByRole("button", { name: "Save", exact: true }).click();
    await expect(attributes.getByRole("status")).toHaveText("Saved.");

    const tagsRegion = page.getByRole("region", { name: "Tags" });
    await tagsRegion.getByLabel("Tag").fill(vip!.name);
    await tagsRegion.getByRole("button", { name: "Add tag" }).click();
    await expect(tagsRegion.getByRole("list", { name: "Tags of this contact" })).toContainText(vip!.name);

    const notes = page.getByRole("region", { name: "Notes" });
    await notes.getByLabel("New note").fill(`Prefers e-mail in the morning ${t}`);
    await notes.getByRole("button", { name: "Add note" }).click();
    const noteList = notes.getByRole("list", { name: "Notes, newest first" });
    await expect(noteList).toContainText(`Prefers e-mail in the morning ${t}`);
    await expect(noteList).toContainText("Alex Agent");

    await identifiers.getByLabel("New email address").fill(other.email.toUpperCase());
    await identifiers.getByRole("button", { name: "Add email" }).click();
    await expect(identifiers.getByText(`This email address belongs to ${other.name}.`)).toBeVisible();
    await expect(identifiers.getByRole("link", { name: `Open ${other.name}` })).toHaveAttribute("href", `/contacts/${other.id}`);
    await expect(identifiers.getByRole("list", { name: "Emails" }).getByRole("listitem")).toHaveCount(2);

    // Everything is still there after a reload, and the timeline tells the story.
    await page.reload();
    await attributes.getByRole("button", { name: "Edit attributes" }).click();
    await expect(attributes.getByLabel(plan)).toHaveValue("Pro");
    const activity = page.getByRole("region", { name: "Activity" });
    for (const text of ["Contact created", `Email ada.work.${t}@example.test added`, `${plan} set to “Pro”`, `Tagged “${vip!.name}”`]) {
      await expect(activity.getByText(text)).toBeVisible();
    }
  });

  test("is told what is missing or wrong on the create form", async ({ page }) => {
    await page.goto("/contacts/new");
    await page.getByLabel("First name").fill("Nobody");
    await page.getByRole("button", { name: "Create contact" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("Enter an email, a phone number or a contact ID");
    await page.getByLabel("Phone").fill("12");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByRole("button", { name: "Create contact" }).click();
    await expect(page.getByText('"not-an-email" is not a valid e-mail address.')).toBeVisible();
    await expect(page.getByText(/"12" is not a valid phone number for US/)).toBeVisible();
    await expect(page.getByLabel("First name")).toHaveValue("Nobody");
    await expect(page).toHaveURL(/\/contacts\/new$/);
  });

  test("blocks and archives a contact: stored, and shown in the timeline", async ({ page, database }) => {
    const c = await seedContact(database, "Blocky");
    await page.goto(`/contacts/${c.id}`);
    await page.getByRole("button", { name: "Block contact" }).click();
    await expect(page.getByRole("button", { name: "Unblock contact" })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Contact blocked." })).toBeVisible();
    await page.getByRole("button", { name: "Archive", exact: true }).click();
    await expect(page.getByRole("button", { name: "Unarchive" })).toBeVisible();
    const activity = page.getByRole("region", { name: "Activity" });
    await expect(activity.getByText("Contact blocked")).toBeVisible();
    await expect(activity.getByText("Contact archived")).toBeVisible();
    const [row] = await database.db.select().from(contacts).where(eq(contacts.id, c.id));
    expect(row).toMatchObject({ blocked: true, archived: true });
  });

  test("edits an attribute in place, and a stale edit is refused", async ({ page, database }) => {
    const c = await seedContact(database, "Edith");
    await page.goto(`/contacts/${c.id}`);
    const attributes = page.getByRole("region", { name: "Attributes" });
    await attributes.getByRole("button", { name: "Edit attributes" }).click();
    await attributes.getByLabel("Company").fill("Initech");
    await attributes.getByRole("button", { name: "Save", exact: true }).click();
    await expect(attributes.getByRole("status")).toHaveText("Saved.");
    await expect(attributes.getByText("Initech")).toBeVisible();

    // Someone else saves meanwhile.
    await database.db.update(contacts).set({ jobTitle: "CTO", version: 99 }).where(eq(contacts.id, c.id));
    await attributes.getByRole("button", { name: "Edit attributes" }).click();
    await attributes.getByLabel("Job title").fill("Intern");
    await attributes.getByRole("button", { name: "Save", exact: true }).click();
    await expect(attributes.getByRole("alert")).toContainText("This contact was changed by someone else — reload to see the changes");
    const [row] = await database.db.select().from(contacts).where(eq(contacts.id, c.id));
    expect(row!.jobTitle).toBe("CTO");
  });

  test("sees no Delete contact button", async ({ page, database }) => {
    const c = await seedContact(database);
    await page.goto(`/contacts/${c.id}`);
    await expect(page.getByRole("heading", { level: 1, name: c.name })).toBeVisible();
    await expect(page.getByRole("button", { name: "Block contact" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete contact" })).toHaveCount(0);
  });

  test("an unknown contact shows a not-found page", async ({ page }) => {
    await page.goto("/contacts/999999999");
    await expect(page.getByRole("heading", { level: 1, name: "Contact not found" })).toBeVisible();
  });
});

test.describe("as a supervisor", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("deletes a contact (to Trash) after confirming; it is gone for a supervisor", async ({ page, database }) => {
    const c = await seedContact(database, "Doomed");
    await page.goto(`/contacts/${c.id}`);
    await page.getByRole("button", { name: "Delete contact" }).click();
    const dialog = page.getByRole("dialog", { name: "Delete this contact?" });
    await expect(dialog).toContainText(c.name);
    await dialog.getByRole("button", { name: "Move to Trash" }).click();
    await expect(page).toHaveURL(/\/contacts$/);
    const [row] = await database.db.select().from(contacts).where(eq(contacts.id, c.id));
    expect(row!.trashedAt).not.toBeNull();
    await page.goto(`/contacts/${c.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Contact not found" })).toBeVisible();
  });
});
