import { readFile } from "node:fs/promises";
import { eq } from "drizzle-orm";
import { auditLog, contacts } from "../../db/schema";
import { expect, storageStateOf, test, token } from "../fixtures";

// SPEC §8: GDPR requests are an administrator's: erasure through its dialog, and the access export.
test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });
  // Two dialog submissions and two page loads: more than the default 30 s on a loaded 2-core machine.
  test.describe.configure({ timeout: 90_000 });

  test("downloads everything held about a contact as one JSON file", async ({ page, makeContact }) => {
    const email = `${token("gdpr")}@example.com`;
    const c = await makeContact({ firstName: "Access", lastName: token("Request") }, { emails: [email] });
    await page.goto(`/contacts/${c.id}`);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download data" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`contact-${c.contactKey}-data.json`);
    const document = JSON.parse(await readFile((await file.path())!, "utf8"));
    expect(document.contact).toMatchObject({ id: c.id, contactKey: c.contactKey });
    expect(document.emails).toEqual([expect.objectContaining({ email })]);
  });

  test("erases a contact through the dialog: a wrong Contact ID is refused, the right one removes the profile and every personal value of its audit entries", async ({ page, makeContact, database }) => {
    const lastName = token("Me");
    const company = token("Erased Co ");
    const c = await makeContact({ firstName: "Erase", lastName }, { emails: [`${token("erase")}@example.com`] });
    await page.goto(`/contacts/${c.id}`);
    // A change first, so that the contact has an audit entry holding personal values before and after.
    const attributes = page.getByRole("region", { name: "Attributes" });
    await attributes.getByRole("button", { name: "Edit attributes" }).click();
    await attributes.getByLabel("Company").fill(company);
    await attributes.getByRole("button", { name: "Save", exact: true }).click();
    await expect(attributes.getByRole("status")).toHaveText("Saved.");
    await page.getByRole("button", { name: "Erase personal data" }).click();
    const dialog = page.getByRole("dialog", { name: "Erase personal data" });
    await dialog.getByLabel("Legal basis or request reference").fill("GDPR Art. 17 request #e2e");
    await dialog.getByLabel("Contact ID").fill(`${c.contactKey}-nope`);
    await dialog.getByRole("button", { name: "Erase permanently" }).click();
    await expect(dialog.getByText(`Type ${c.contactKey} exactly.`)).toBeVisible();
    expect(await database.db.select().from(contacts).where(eq(contacts.id, c.id))).toHaveLength(1);

    await dialog.getByLabel("Contact ID").fill(c.contactKey);
    await dialog.getByRole("button", { name: "Erase permanently" }).click();
    await expect(page).toHaveURL(/\/contacts$/);
    // The profile streams (its loading skeleton), so a missing contact answers its not-found page with 200, as a deleted one does.
    await page.goto(`/contacts/${c.id}`);
    await expect(page.getByRole("heading", { level: 1, name: "Contact not found" })).toBeVisible();
    // The audit log, filtered by the erased contact's row id, shows the change and the erasure, and no personal value.
    await page.goto(`/settings/audit?type=contact&entity=${c.id}`);
    const log = page.getByRole("region", { name: "Audit entries, newest first" });
    await expect(log.getByRole("row")).toHaveCount(3);
    await expect(log.getByRole("row").filter({ hasText: "contact.erase" })).toHaveCount(1);
    await expect(page.getByText(lastName)).toHaveCount(0);
    await log.getByRole("row").filter({ hasText: "contact.update" }).getByRole("link", { name: /View/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Audit entry/ })).toBeVisible();
    await expect(page.getByRole("main")).not.toContainText(company);
    await expect(page.getByRole("main")).not.toContainText(lastName);
    const entries = await database.db.select().from(auditLog).where(eq(auditLog.entityId, String(c.id)));
    expect(entries.find((e) => e.action === "contact.erase")?.after).toEqual({ reference: "GDPR Art. 17 request #e2e" });
    expect(entries.filter((e) => e.action !== "contact.erase").every((e) => e.before === null && e.after === null)).toBe(true);
  });
});

test.describe("as an agent", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("sees neither Erase personal data nor Download data, and the download is refused", async ({ page, makeContact }) => {
    const c = await makeContact({ firstName: "Agent", lastName: token("View") });
    await page.goto(`/contacts/${c.id}`);
    await expect(page.getByRole("button", { name: "Block contact" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Erase personal data" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Download data" })).toHaveCount(0);
    expect((await page.request.get(`/api/contacts/${c.id}/personal-data`)).status()).toBe(403);
  });
});
