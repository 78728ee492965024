import { eq } from "drizzle-orm";
import { bulkJobs, contactTags, tags, users } from "../../db/schema";
import { stopBoss } from "../../lib/jobs/boss";
import { startBulkAction } from "../../lib/bulk/start";
import { expect, storageStateOf, test, token } from "../fixtures";

// The bulk and export endpoints as the browser calls them, against the built app. The bulk bar
// and its dialogs are tested with the rest of the list UI.

test.afterAll(() => stopBoss());

test.describe("as a supervisor", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("downloads the search as CSV: attachment, BOM on request, formulas and signed numbers neutralised", async ({ page, makeContact }) => {
    const tok = token("Exp");
    const tail = String(1000 + Math.floor(Math.random() * 9000));
    await makeContact({ firstName: "=1+1", lastName: tok }, { phones: [`+1617555${tail}`] });
    const res = await page.request.get(`/api/contacts/export?q=${tok}&cols=firstName,lastName,phones&bom=1`);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/);
    const body = await res.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.subarray(3).toString("utf8")).toBe(`"First name","Last name","Phone"\r\n"'=1+1","${tok}","'+1617555${tail}"\r\n`);
  });

  test("a malformed filter is refused with a message, not exported as everything", async ({ page }) => {
    const res = await page.request.get(`/api/contacts/export?f=${encodeURIComponent("{not json")}`);
    expect(res.status()).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "bad_request", message: "The filter in the link is not valid." } });
  });

  test("what the list leaves out is a 400 with a message, never a header-only file", async ({ page }) => {
    const date = JSON.stringify({ join: "and", conditions: [{ field: "createdAt", op: "before", value: "2026-02-31" }] });
    const nul = JSON.stringify({ join: "and", conditions: [{ field: "company", op: "is_not_empty", value: "\u0000" }] });
    for (const [query, message] of [
      ["q=%00", "The search contains an invisible control character (U+0000). Remove it and try again."],
      [`f=${encodeURIComponent(nul)}`, "The filter contains an invisible control character (U+0000). Remove it and try again."],
      [`f=${encodeURIComponent(date)}`, "Created before: Not a real date."],
    ]) {
      const res = await page.request.get(`/api/contacts/export?${query}`);
      expect(res.status(), query).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "bad_request", message } });
    }
  });

  test("a queued bulk job is run by the server's own worker, and its progress can be polled", async ({ page, database, makeContact }) => {
    const [supervisor] = await database.db.select().from(users).where(eq(users.email, "supervisor@example.com"));
    const [tag] = await database.db.insert(tags).values({ name: token("Bulk tag ") }).returning();
    const people = [await makeContact(), await makeContact(), await makeContact()];
    const job = await startBulkAction(
      { selection: { ids: people.map((p) => p.id) }, change: { action: "add_tags", tagIds: [tag!.id] } },
      { id: supervisor!.id, name: supervisor!.name, email: supervisor!.email, role: "supervisor" },
      { inlineLimit: 0 },
    );
    expect(job.status).toBe("queued");
    await expect
      .poll(async () => (await (await page.request.get(`/api/bulk-jobs/${job.id}`)).json()).job.status, { timeout: 20_000 })
      .toBe("completed");
    const progress = await (await page.request.get(`/api/bulk-jobs/${job.id}`)).json();
    expect(progress).toMatchObject({ job: { processed: 3, total: 3 }, message: "Tagged 3 contacts." });
    expect(await database.db.select().from(contactTags).where(eq(contactTags.tagId, tag!.id))).toHaveLength(3);
    const [row] = await database.db.select().from(bulkJobs).where(eq(bulkJobs.id, job.id));
    expect(row?.finishedAt).not.toBeNull();
  });
});

test.describe("as an agent", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("the export and bulk endpoints refuse", async ({ page }) => {
    const exported = await page.request.get("/api/contacts/export?all=1");
    expect(exported.status()).toBe(403);
    expect(await exported.json()).toEqual({ error: { code: "forbidden", message: "You are not allowed to do that." } });
    const progress = await page.request.get("/api/bulk-jobs/00000000-0000-4000-8000-000000000000");
    expect(progress.status()).toBe(403);
  });
});

test.describe("signed out", () => {
  test("the export sends the browser to sign in", async ({ request }) => {
    const res = await request.get("/api/contacts/export?all=1", { maxRedirects: 0 });
    expect(res.status()).toBe(307);
    expect(res.headers()["location"]).toContain("/login?callbackUrl=%2Fapi%2Fcontacts%2Fexport");
  });
});
