import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, storageStateOf, test, token } from "../fixtures";

const file = (name: string) => path.join(import.meta.dirname, "..", "files", name);

async function upload(page: Page, name: string) {
  await page.getByLabel("CSV file").setInputFiles(file(name));
  await expect(page.getByRole("heading", { name: "Map columns" })).toBeVisible();
  await expect(page).toHaveURL(/\/contacts\/import\?job=[0-9a-f-]{36}$/);
}

function stat(page: Page, label: string) {
  return page.getByRole("region", { name: "Import wizard" }).locator("dl > div").filter({ has: page.getByText(label, { exact: true }) }).locator("dd");
}

/** Import, then watch the bar until the job has handled every row. */
async function importAndWait(page: Page, rows: number) {
  await page.getByRole("button", { name: /^Import \d+ rows?$/ }).click();
  const bar = page.getByRole("progressbar", { name: "Import progress" });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute("aria-valuemax", String(rows));
  await expect(bar).toHaveAttribute("aria-valuenow", String(rows), { timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Import wizard" }).getByText("Completed", { exact: true })).toBeVisible();
}

// Both files hold +49 30 12345678 (Jürgen Müller at Google, Max Mustermann's business phone at
// Outlook), so they run in this order: the second import merges into the first one's contact.
test.describe("CSV import as an admin", () => {
  test.describe.configure({ mode: "serial" });
  test.use({ storageState: storageStateOf("admin") });

  test("a Google Contacts export (BOM): auto-mapping, a column mapped by hand, a rejected row, the error CSV, progress, merge, re-import", async ({
    page,
    makeContact,
    makeAttribute,
  }) => {
    test.setTimeout(120_000);
    const tok = token("Met");
    const metAt = await makeAttribute({ label: `How we met ${tok}`, type: "text" });
    const otherPhone = `+1505${200 + Math.floor(Math.random() * 700)}${String(Math.floor(Math.random() * 10000)).padStart(4, "0")}`;
    // Grace is already a contact with another number: the file's row merges into her.
    await makeContact({ firstName: "Grace", lastName: "Hopper" }, { phones: ["+12125550147", otherPhone] });

    await page.goto("/contacts/import");
    await expect(page.getByRole("link", { name: "Download template" })).toHaveAttribute("href", "/api/imports/template");
    await upload(page, "google-contacts.csv");

    // The auto-mapping of Google's headers.
    await expect(page.getByLabel("Delimiter")).toHaveValue(",");
    for (const [header, target] of [
      ["Given Name", "firstName"],
      ["Family Name", "lastName"],
      ["E-mail 1 - Value", "email"],
      ["E-mail 2 - Value", "email"],
      ["Phone 1 - Value", "phone"],
      ["Organization 1 - Name", "company"],
      ["Group Membership", "tags"],
      ["Notes", "ignore"],
    ] as const) {
      await expect(page.getByLabel(header, { exact: true })).toHaveValue(target);
    }
    // One column by hand: the notes go to a custom attribute.
    await page.getByLabel("Notes", { exact: true }).selectOption({ label: metAt.label });
    await expect(page.getByLabel("Default country")).toHaveValue("US");
    await page.getByRole("button", { name: "Review" }).click();

    await expect(page.getByRole("heading", { name: "Review" })).toBeVisible();
    await expect(stat(page, "To create")).toHaveText("3");
    await expect(stat(page, "To merge")).toHaveText("2");
    await expect(stat(page, "Rejected")).toHaveText("1");
    const rejected = page.getByRole("region", { name: "Rejected rows (1)" });
    await expect(rejected.getByRole("row", { name: /8 E-mail 1 - Value: "charles.babbage@" is not a valid e-mail address\./ })).toBeVisible();
    await expect(page.getByRole("cell", { name: 'Met at "PyCon", 2023. Follow up in Q3.' })).toBeVisible();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download errors" }).click()]);
    expect(download.suggestedFilename()).toBe("google-contacts-errors.csv");
    const errors = readFileSync((await download.path())!, "utf8").split("\r\n");
    expect(errors[0]).toMatch(/^\uFEFF"line","error","Name","Given Name",/);
    expect(errors[1]).toMatch(/^"8","E-mail 1 - Value: ""charles\.babbage@"" is not a valid e-mail address\.","Charles Babbage","Charles",/);
    expect(errors.filter(Boolean)).toHaveLength(2);

    await importAndWait(page, 6);
    await expect(stat(page, "Created")).toHaveText("3");
    await expect(stat(page, "Merged")).toHaveText("2");
    await expect(stat(page, "Failed")).toHaveText("1");
    // The page reads the job from the URL: a reload shows the same result.
    await page.reload();
    await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "6");
    await expect(stat(page, "Created")).toHaveText("3");
    await expect(page.getByRole("table", { name: "Past imports, newest first" }).getByRole("row", { name: /google-contacts\.csv Completed 6 3 2 0 1/ })).toBeVisible();

    // Grace now has her own two numbers and the file's second one.
    await page.goto("/contacts?q=Hopper");
    const grace = page.getByRole("row", { name: /Grace Brewster Hopper/ });
    await expect(grace.getByText("+1 212-555-0147")).toBeVisible();
    await expect(grace.getByTitle(/\+1 646-555-0110/)).toHaveAttribute("title", new RegExp(`\\+1 ${otherPhone.slice(2, 5)}-`));

    // The same file again: nothing new.
    await page.goto("/contacts/import");
    await upload(page, "google-contacts.csv");
    await page.getByRole("button", { name: "Review" }).click();
    await expect(stat(page, "To create")).toHaveText("0");
    await expect(stat(page, "To merge")).toHaveText("5");
    await importAndWait(page, 6);
    await expect(stat(page, "Created")).toHaveText("0");
    await expect(stat(page, "Merged")).toHaveText("5");
  });

  test("an Outlook export (Windows-1252, semicolons) merges Max into the contact holding his business phone", async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto("/contacts/import");
    await upload(page, "outlook-contacts.csv");
    await expect(page.getByLabel("Delimiter")).toHaveValue(";");
    await expect(page.getByText("Windows-1252")).toBeVisible();
    for (const [header, target] of [
      ["First Name", "firstName"],
      ["Last Name", "lastName"],
      ["E-mail Address", "email"],
      ["Mobile Phone", "phone"],
      ["Business Phone", "phone"],
      ["Categories", "tags"],
    ] as const) {
      await expect(page.getByLabel(header, { exact: true })).toHaveValue(target);
    }
    await page.getByRole("button", { name: "Review" }).click();
    await expect(stat(page, "Rejected")).toHaveText("1");
    await expect(
      page.getByRole("row", { name: /6 Mobile Phone: "12345" is not a valid phone number for DE\. Add the country code with a \+\./ }),
    ).toBeVisible();
    await expect(page.getByRole("cell", { name: "Zoë", exact: true })).toBeVisible();
    await importAndWait(page, 5);
    await expect(stat(page, "Created")).toHaveText("3");
    await expect(stat(page, "Merged")).toHaveText("1");

    await page.goto("/contacts?q=Weiß");
    await expect(page.getByRole("row", { name: /Zoë Weiß/ }).getByText("+49 89-1234567")).toBeVisible();
  });

  test("an upload that is not a CSV, or empty, is refused with a clear message", async ({ page }) => {
    await page.goto("/contacts/import");
    await page.getByLabel("CSV file").setInputFiles({ name: "empty.csv", mimeType: "text/csv", buffer: Buffer.from("") });
    const wizard = page.getByRole("region", { name: "Import wizard" });
    await expect(wizard.getByRole("alert")).toHaveText("The file is empty. Upload a CSV file with a header row and at least one row of data.");
    await page.getByLabel("CSV file").setInputFiles({ name: "dup.csv", mimeType: "text/csv", buffer: Buffer.from("Email,email\na@x.test,b@x.test\n") });
    await expect(wizard.getByRole("alert")).toContainText('The header "email" appears twice (columns 1 and 2)');
  });
});

test.describe("a file of 5 000 columns", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("the mapper lists 100 columns and the matched one, says so, and lists more on request", async ({ page }) => {
    await page.goto("/contacts/import");
    await page.getByLabel("CSV file").setInputFiles(path.join(import.meta.dirname, "..", "..", "lib", "import", "fixtures", "hostile", "columns-5000.csv"));
    await expect(page.getByRole("heading", { name: "Map columns" })).toBeVisible();
    const wizard = page.getByRole("region", { name: "Import wizard" });
    await expect(wizard.getByRole("status").filter({ hasText: "This file has 5,000 columns." })).toBeVisible();
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue("email");
    const selects = wizard.locator("ul select");
    const listed = await selects.count();
    expect(listed).toBeLessThanOrEqual(101);
    await wizard.getByRole("button", { name: "Show 100 more columns" }).click();
    await expect(selects).toHaveCount(listed + 100);
  });
});

test.describe("the upload route", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("a 12 MB file reaches the server whole (a body through the proxy would be cut at 10 MB)", async ({ page }) => {
    const row = "Someone Somebody,someone@example.invalid,Some Company With A Long Name,Some City\n";
    const rows = Math.ceil((12 * 1024 * 1024) / row.length);
    const body = Buffer.from("Name,Email,Company,City\n" + row.repeat(rows));
    const response = await page.request.post("/api/imports?name=big.csv", { data: body, headers: { "content-type": "text/csv" } });
    expect(response.status()).toBe(201);
    const draft = await response.json();
    expect(draft.job.fileSize).toBe(body.length);
    expect(draft.preview.totalRowsExact).toBe(false);
    expect(draft.preview.totalRowsEstimate).toBeGreaterThan(rows * 0.9);
    // The Map columns step opens it from the URL.
    await page.goto(`/contacts/import?job=${draft.job.id}`);
    await expect(page.getByRole("region", { name: "Import wizard" }).getByText("big.csv", { exact: true })).toBeVisible();
  });
});

test.describe("CSV import as an agent", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("cannot open the import page or call its endpoints", async ({ page }) => {
    await page.goto("/contacts/import");
    await expect(page.getByRole("heading", { name: "Not allowed", exact: true })).toBeVisible();
    await expect(page.getByLabel("CSV file")).toHaveCount(0);

    const uploaded = await page.request.post("/api/imports?name=x.csv", { data: "Email\na@x.test\n", headers: { "content-type": "text/csv" } });
    expect(uploaded.status()).toBe(403);
    expect((await uploaded.json()).error.code).toBe("forbidden");
    expect((await page.request.get("/api/imports/template")).status()).toBe(403);
    expect((await page.request.get("/api/imports/00000000-0000-4000-8000-000000000000")).status()).toBe(403);
    expect((await page.request.get("/api/imports/00000000-0000-4000-8000-000000000000/errors")).status()).toBe(403);
  });
});

test("without a session the import endpoints answer 401", async ({ request }) => {
  const response = await request.post("/api/imports?name=x.csv", { data: "Email\na@x.test\n" });
  expect(response.status()).toBe(401);
});
