import { axeViolations } from "../axe";
import { expect, signIn, storageStateOf, test, token } from "../fixtures";

// Two browsers, several sign-ins (argon2) and page loads each, on a 2-core machine shared with other tests.
test.describe.configure({ timeout: 90_000 });

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("creates an agent who signs in elsewhere, deactivates them, and the agent's next click lands on the sign-in page", async ({ page, browser }) => {
    const name = token("Agent ");
    const email = `${token("e2e-new-").toLowerCase()}@staff.test`;
    await page.goto("/settings");
    await page.getByRole("link", { name: /Users/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();

    await page.getByRole("button", { name: "New user" }).click();
    const dialog = page.getByRole("dialog", { name: "New user" });
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Role").selectOption("agent");
    await expect(dialog.getByLabel("Generate password")).toBeChecked();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Create user" }).click();
    await expect(dialog.getByText("You will not see this password again")).toBeVisible();
    const password = await dialog.getByLabel("The new user's password").inputValue();
    expect(password).toMatch(/^[A-Za-z2-9]{20}$/);
    await dialog.getByRole("button", { name: "Done" }).click();

    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
    await expect(row).toContainText(email);
    await expect(row).toContainText("Active");
    await expect(row.getByLabel(`Role of ${name}`)).toHaveValue("agent");
    await expect(row).toContainText("Never");

    const elsewhere = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const agent = await elsewhere.newPage();
    await signIn(agent, email, password);
    await expect(agent.getByTestId("current-user")).toContainText(name);
    await expect(agent.getByRole("link", { name: "Settings" })).toHaveCount(0);

    await page.reload();
    await expect(row).not.toContainText("Never"); // Last sign-in
    await row.getByRole("button", { name: `Deactivate ${name}` }).click();
    const confirm = page.getByRole("dialog", { name: `Deactivate ${name}?` });
    await confirm.getByRole("button", { name: "Deactivate" }).click();
    await expect(row).toContainText("Deactivated");
    await expect(row.getByRole("button", { name: `Reactivate ${name}` })).toBeVisible();

    await agent.getByRole("link", { name: "Segments" }).click();
    await expect(agent).toHaveURL(/\/login/);
    await expect(agent.getByText("Your account has been deactivated.")).toBeVisible();
    await signIn(agent, email, password);
    await expect(agent.getByText("Invalid email or password")).toBeVisible();
    await elsewhere.close();
  });

  test("cannot demote or deactivate themselves: their own row offers neither", async ({ page }) => {
    await page.goto("/settings/users");
    const own = page.getByRole("row").filter({ hasText: "(you)" });
    await expect(own).toContainText("Admin");
    await expect(own.getByRole("combobox")).toHaveCount(0);
    await expect(own.getByRole("button")).toHaveCount(0);
    await expect(own.getByRole("link", { name: "Your account" })).toBeVisible();
  });
});

test.describe("as an agent", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("sees no users page, and only their own account without admin parts", async ({ page }) => {
    await page.goto("/settings/users");
    await expect(page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
    await expect(page.getByRole("button", { name: "New user" })).toHaveCount(0);
    await expect(page.getByRole("table")).toHaveCount(0);

    await page.goto("/settings/account");
    await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
    await expect(page.getByRole("link", { name: "← Settings" })).toHaveCount(0);
    await expect(page.getByRole("combobox")).toHaveCount(0);
  });
});

test("a user changes their own name and password from their name in the sidebar, then signs in with the new password", async ({ page, makeUser }) => {
  const user = await makeUser("agent");
  const newName = token("Renamed ");
  const newPassword = "my brand new e2e passphrase";
  await signIn(page, user.email, user.password);
  await page.getByTestId("current-user").getByRole("link", { name: user.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole("textbox", { name: "Name" }).fill(newName);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByTestId("current-user")).toContainText(newName);

  await page.getByLabel("Current password").fill(user.password);
  await page.getByLabel("New password", { exact: true }).fill("password123");
  await page.getByLabel("Repeat the new password").fill("password123");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("This is one of the most common passwords. Choose another.")).toBeVisible();
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Repeat the new password").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your current password is not right.")).toBeVisible();

  await page.getByLabel("Current password").fill(user.password);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Repeat the new password").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText("Your password was changed")).toBeVisible();

  await signIn(page, user.email, user.password);
  await expect(page.getByText("Invalid email or password")).toBeVisible();
  await signIn(page, user.email, newPassword);
  await expect(page.getByTestId("current-user")).toContainText(newName);
});
