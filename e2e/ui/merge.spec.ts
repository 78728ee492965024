import { activities, contactTags, notes, tags } from "../../db/schema";
import { formatLocalTime } from "../../lib/local-time";
import { expect, storageStateOf, test, token } from "../fixtures";

const phone = () => `+1702555${String(1000 + Math.floor(Math.random() * 9000))}`;
// The options show the reader's time: the browser runs in UTC here (test.use below), as this formats.
const updated = (d: Date) => formatLocalTime(d, "datetime", "UTC");
const formatted = (e164: string) => `+1 ${e164.slice(2, 5)}-${e164.slice(5, 8)}-${e164.slice(8)}`;

test.describe("merge as a supervisor", () => {
  test.use({ storageState: storageStateOf("supervisor"), timezoneId: "UTC" });

  test("merges three duplicates from the list into the chosen primary, losing nothing", async ({ page, database, makeContact }) => {
    const tok = token("Dup");
    const phones = [phone(), phone(), phone()];
    const made = [];
    for (const [i, company] of ["Alpha Ltd", "Beta GmbH", "Gamma SA"].entries()) {
      made.push(
        await makeContact(
          { firstName: "Dana", lastName: tok, company, createdAt: new Date(Date.UTC(2024, i, 1)), lastInteractionAt: new Date(Date.UTC(2025, i, 1)) },
          { phones: [phones[i]!], emails: [`dana${i}.${tok}@example.test`.toLowerCase()] },
        ),
      );
    }
    const [tagA, tagB] = await database.db.insert(tags).values([{ name: `A ${tok}` }, { name: `B ${tok}` }]).returning();
    await database.db.insert(contactTags).values([
      { contactId: made[0]!.id, tagId: tagA!.id },
      { contactId: made[2]!.id, tagId: tagB!.id },
    ]);
    await database.db.insert(notes).values(made.map((m, i) => ({ contactId: m.id, body: `Note ${i} ${tok}` })));
    await database.db.insert(activities).values(made.map((m, i) => ({ contactId: m.id, type: "call" as const, summary: `Call ${i} ${tok}` })));

    await page.goto(`/contacts?q=${tok}&sort=createdAt.asc`);
    const merge = page.getByRole("button", { name: "Merge", exact: true });
    const boxes = await page.getByRole("checkbox", { name: `Select Dana ${tok}` }).all();
    await boxes[0]!.check();
    await expect(merge).toBeDisabled();
    await expect(merge).toHaveAccessibleDescription("Select at least 2 contacts to merge.");
    for (const box of boxes.slice(1)) await box.check();
    await merge.click();

    const drawer = page.getByRole("dialog", { name: "Merge contacts" });
    const cards = drawer.getByRole("region", { name: `Dana ${tok}` });
    await expect(cards).toHaveCount(3);
    // Default primary: the oldest. Pick the second instead.
    await expect(cards.nth(0).getByRole("radio", { name: "Primary" })).toBeChecked();
    await cards.nth(1).getByRole("radio", { name: "Primary" }).check();
    const company = drawer.getByLabel("Company");
    await expect(company).toHaveValue(String(made[1]!.id));
    await company.selectOption({ label: `Gamma SA — from ${made[2]!.contactKey} (updated ${updated(made[2]!.updatedAt)})` });
    await expect(drawer.getByTestId("merge-phones")).toContainText(formatted(phones[2]!));
    await drawer.getByRole("button", { name: "Merge", exact: true }).click();
    const confirm = page.getByRole("dialog", { name: "Merge duplicates" });
    await confirm.getByRole("button", { name: "Yes, merge" }).click();

    await expect(page).toHaveURL(new RegExp(`/contacts/${made[1]!.id}\\?merged=3`));
    await expect(page.getByText(`Merged 3 contacts into Dana ${tok}.`)).toBeVisible();
    await expect(page.getByText("Gamma SA").first()).toBeVisible();
    for (const p of phones) await expect(page.getByRole("link", { name: formatted(p) })).toBeVisible();
    for (let i = 0; i < 3; i++) {
      await expect(page.getByRole("link", { name: `dana${i}.${tok}@example.test`.toLowerCase() })).toBeVisible();
      await expect(page.getByText(`Note ${i} ${tok}`)).toBeVisible();
      await expect(page.getByText(`Call ${i} ${tok}`)).toBeVisible();
    }
    await expect(page.getByText(`A ${tok}`, { exact: true })).toBeVisible();
    await expect(page.getByText(`B ${tok}`, { exact: true })).toBeVisible();

    // The merged-away ids still resolve.
    await page.goto(`/contacts/${made[0]!.id}`);
    await expect(page).toHaveURL(new RegExp(`/contacts/${made[1]!.id}\\?mergedFrom=`));
    await expect(page.getByText(`This contact (${made[0]!.contactKey}) was merged into Dana ${tok}.`)).toBeVisible();
    await page.goto(`/contacts?q=${tok}`);
    await expect(page.getByTestId("range")).toHaveText("1–1 of 1");
  });
});

test.describe("merge as an agent", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("has no Merge button", async ({ page, makeContact }) => {
    const tok = token("NoMerge");
    await makeContact({ firstName: "Eve", lastName: tok });
    await makeContact({ firstName: "Eve", lastName: tok });
    await page.goto(`/contacts?q=${tok}`);
    await expect(page.getByRole("link", { name: `Eve ${tok}` })).toHaveCount(2);
    // Nothing to select with: no merge, bulk action or export is an agent's (roles.spec.ts).
    await expect(page.getByRole("checkbox")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Merge", exact: true })).toHaveCount(0);
  });
});
