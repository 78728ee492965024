import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, ROLE_EMAILS, signIn, test as withDb, token } from "../fixtures";
import { axeViolations } from "../axe";
import { CLUSTER, instanceUrl, servedByInstance, uploadAndReview } from "./cluster";

// Runs after the existing journeys (sign-in, list, profile edit, merge, import, bulk tag: the "ui"
// project on the files scripts/test.ts names) went through the load balancer: every instance must
// have served a share of them, a session made on one is good on every other, and an import's
// progress reads the same from any instance.

test("every instance served requests of the journeys (HAProxy's counts), and round robin spreads a user's requests", async ({ request }) => {
  const served = await servedByInstance();
  expect(Object.keys(served).sort()).toEqual(CLUSTER.instances.map((i) => i.name).sort());
  for (const instance of CLUSTER.instances) expect(served[instance.name], `requests served by ${instance.name}`).toBeGreaterThan(20);

  // One client's consecutive requests land on every instance in turn (no sticky sessions).
  const answeredBy = new Set<string>();
  for (let i = 0; i < CLUSTER.instances.length * 2; i++) {
    const res = await request.get("/api/health");
    expect(res.ok()).toBe(true);
    answeredBy.add(res.headers()["x-switchboard-instance"]!);
  }
  expect([...answeredBy].sort()).toEqual(CLUSTER.instances.map((i) => i.name).sort());
});

test("a user signed in through the load balancer is signed in on every instance", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, ROLE_EMAILS.supervisor, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/contacts/);
  for (const instance of CLUSTER.instances) {
    // The same browser, the same cookie (cookies are per host, not per port): each instance reads the session.
    const res = await page.goto(`${instanceUrl(instance.port)}/contacts`);
    expect(res?.status()).toBe(200);
    await expect(page).toHaveURL(`${instanceUrl(instance.port)}/contacts`);
    await expect(page.getByRole("heading", { name: "Contacts", level: 1 })).toBeVisible();
  }
  await page.goto("/contacts");
  expect(await axeViolations(page)).toEqual([]);
});

withDb("an import started through one instance shows its progress, the same, polled through another", async ({ page, database }) => {
  withDb.setTimeout(180_000);
  const [first, second] = CLUSTER.instances;
  const rows = 40_000;
  const tok = token("Prog");
  const csv = ["First Name,Last Name,Phone", ...Array.from({ length: rows }, (_, i) => `P${i},${tok},+1617${String(2_000_000 + i).padStart(7, "0")}`)].join("\n") + "\n";
  await signIn(page, ROLE_EMAILS.admin, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/contacts/);
  await uploadAndReview(page, instanceUrl(first!.port), csv, `${tok}.csv`);
  await expect(page).toHaveURL(new RegExp(`^${instanceUrl(first!.port)}/contacts/import\\?job=`));
  const jobId = new URL(page.url()).searchParams.get("job")!;
  await page.getByRole("button", { name: /^Import .+ rows$/ }).click();
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toBeVisible();

  // Polled through the second instance, as another browser behind the balancer would: every answer
  // is what the database holds, never going back, until the end.
  const seen: number[] = [];
  for (const started = Date.now(); Date.now() - started < 150_000; ) {
    const res = await page.request.get(`${instanceUrl(second!.port)}/api/imports/${jobId}`);
    expect(res.status()).toBe(200);
    const view = (await res.json()) as { status: string; processedRows: number; totalRows: number | null; createdCount: number };
    const [stored] = await database.sql<{ processed_rows: number }[]>`select processed_rows from import_jobs where id = ${jobId}`;
    expect(view.processedRows).toBeLessThanOrEqual(stored!.processed_rows);
    seen.push(view.processedRows);
    if (view.status === "completed") {
      expect(view).toMatchObject({ processedRows: rows, totalRows: rows, createdCount: rows });
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(seen.at(-1)).toBe(rows);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  expect(seen.some((n) => n > 0 && n < rows), `a value between 0 and ${rows} among ${seen.join(", ")}`).toBe(true);

  // The wizard opened on the second instance shows the finished job.
  await page.goto(`${instanceUrl(second!.port)}/contacts/import?job=${jobId}`);
  const bar = page.getByRole("progressbar", { name: "Import progress" });
  await expect(bar).toHaveAttribute("aria-valuenow", String(rows));
  await expect(page.getByRole("region", { name: "Import wizard" }).getByText("Completed", { exact: true })).toBeVisible();
});
