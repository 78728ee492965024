import { test as setup, expect } from "@playwright/test";
import { DEMO_PASSWORD, ROLE_EMAILS, signIn, storageStateOf } from "./fixtures";
import { ROLES } from "../db/schema/enums";

for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, ROLE_EMAILS[role], DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/contacts/);
    await page.context().storageState({ path: storageStateOf(role) });
  });
}
