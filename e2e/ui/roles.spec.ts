import { expect, storageStateOf, test, token } from "../fixtures";
import type { Role } from "../../db/schema/enums";

const MAY_ACT: Record<Role, boolean> = { agent: false, supervisor: true, admin: true };

for (const role of ["agent", "supervisor", "admin"] as const) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: storageStateOf(role) });
    const present = MAY_ACT[role] ? 1 : 0;

    test(`the sidebar ${MAY_ACT[role] ? "offers" : "does not offer"} Import`, async ({ page }) => {
      await page.goto("/contacts");
      const nav = page.getByRole("navigation", { name: "Main" });
      await expect(nav.getByRole("link", { name: "Contacts" })).toBeVisible();
      await expect(nav.getByRole("link", { name: "Import" })).toHaveCount(present);
    });

    test(`the list ${MAY_ACT[role] ? "has" : "has no"} selection column`, async ({ page, makeContact }) => {
      const tok = token("Sel");
      await makeContact({ firstName: "Sela", lastName: tok });
      await page.goto(`/contacts?q=${tok}`);
      await expect(page.getByRole("link", { name: `Sela ${tok}` })).toBeVisible();
      await expect(page.getByRole("checkbox", { name: "Select all on this page" })).toHaveCount(present);
      await expect(page.getByRole("checkbox", { name: `Select Sela ${tok}` })).toHaveCount(present);
      // No bulk bar until rows are selected, for any role.
      await expect(page.getByRole("region", { name: "Selection" })).toHaveCount(0);
    });

    test(`an identifier conflict ${MAY_ACT[role] ? "offers" : "does not offer"} Merge`, async ({ page, makeContact }) => {
      const tok = token("Role");
      const mine = await makeContact({ firstName: "Rhea", lastName: tok }, { emails: [`rhea.${tok}@example.test`] });
      const theirs = await makeContact({ firstName: "Ravi", lastName: tok }, { emails: [`ravi.${tok}@example.test`] });
      await page.goto(`/contacts/${mine.id}`);
      const identifiers = page.getByRole("region", { name: "Identifiers" });
      await identifiers.getByLabel("New email address").fill(`ravi.${tok}@example.test`);
      await identifiers.getByRole("button", { name: "Add email" }).click();
      await expect(identifiers.getByRole("link", { name: `Open Ravi ${tok}` })).toHaveAttribute("href", `/contacts/${theirs.id}`);
      await expect(identifiers.getByRole("link", { name: `Merge with Ravi ${tok}` })).toHaveCount(present);
    });
  });
}
