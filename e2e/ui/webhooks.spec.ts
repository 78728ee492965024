import { WebhookReceiver } from "../../lib/testing/webhook-receiver";
import { verifyWebhookSignature } from "../../lib/webhooks/signature";
import { axeViolations } from "../axe";
import { expect, storageStateOf, test, token } from "../fixtures";

interface Body {
  id: string;
  type: string;
  data: { contact_id: string };
}

test.describe("as an admin", () => {
  test.use({ storageState: storageStateOf("admin") });

  let receiver: WebhookReceiver;
  test.beforeEach(async () => {
    // On this machine, as the app server is: it posts to 127.0.0.1.
    receiver = await new WebhookReceiver().open();
  });
  test.afterEach(async () => {
    await receiver.close();
  });

  test("adds a webhook, creates and edits a contact, sees signed deliveries in the log, and resends one", async ({ page }) => {
    test.slow(); // the app's sweep and worker poll every couple of seconds
    await page.goto("/settings");
    await page.getByRole("link", { name: /Webhooks/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();

    await page.getByRole("button", { name: "Add webhook" }).click();
    const dialog = page.getByRole("dialog", { name: "Add webhook" });
    await dialog.getByLabel("URL").fill("ftp://nope.example");
    await dialog.getByRole("button", { name: "Add webhook" }).click();
    await expect(dialog.getByText("Enter an http:// or https:// URL.")).toBeVisible();
    await dialog.getByLabel("URL").fill(receiver.url);
    // contact.created and contact.updated are ticked by default.
    await expect(dialog.getByRole("checkbox", { name: /contact\.created/ })).toBeChecked();
    await expect(dialog.getByRole("checkbox", { name: /contact\.updated/ })).toBeChecked();
    await dialog.getByRole("button", { name: "Add webhook" }).click();
    await expect(dialog.getByText("You will not see it again")).toBeVisible();
    const secret = await dialog.getByLabel("Signing secret").inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    await dialog.getByRole("button", { name: "Done" }).click();
    const card = page.getByRole("region", { name: receiver.url });
    await expect(card).toContainText("No deliveries yet");

    const t = token();
    await page.goto("/contacts/new");
    await page.getByLabel("First name").fill("Hook");
    await page.getByLabel("Last name").fill(`Receiver ${t}`);
    await page.getByLabel("Email").fill(`hook.${t}@example.test`);
    await page.getByRole("button", { name: "Create contact" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Hook Receiver ${t}` })).toBeVisible();
    const identifiers = page.getByRole("region", { name: "Identifiers" });
    await identifiers.getByLabel("New email address").fill(`hook.work.${t}@example.test`);
    await identifiers.getByRole("button", { name: "Add email" }).click();
    await expect(identifiers.getByRole("status")).toHaveText("Email added.");

    // Both events reach the receiver, signed with the secret shown once.
    const mine = () =>
      receiver.received.filter((r) => {
        const body = JSON.parse(r.body) as Body;
        return body.type === "contact.created" || body.type === "contact.updated";
      });
    await expect.poll(() => new Set(mine().map((r) => (JSON.parse(r.body) as Body).type)).size, { timeout: 30_000 }).toBe(2);
    for (const r of mine()) {
      expect(verifyWebhookSignature({ secret, body: r.body, header: r.headers["switchboard-signature"] as string })).toBe(true);
    }

    await page.goto("/settings/webhooks");
    const log = card.getByRole("region", { name: "Delivery log" });
    await expect(async () => {
      await page.reload();
      await expect(log.getByRole("row").filter({ hasText: "contact.created" }).filter({ hasText: "Delivered" }).first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    const created = log.getByRole("row").filter({ hasText: "contact.created" }).first();
    await expect(created.getByRole("cell").nth(2)).toHaveText("200"); // Status code
    expect(await axeViolations(page)).toEqual([]);

    const before = receiver.received.length;
    await created.getByRole("button", { name: "Resend contact.created delivery" }).click();
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThan(before);

    await card.getByRole("button", { name: "Turn off" }).click();
    await expect(card.getByRole("button", { name: "Turn on" })).toBeVisible();
  });
});
