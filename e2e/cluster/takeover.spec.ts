import { expect, type Page } from "@playwright/test";
import { DEMO_PASSWORD, ROLE_EMAILS, signIn, test, token } from "../fixtures";
import { CLUSTER, killInstance, runnerOf, uploadAndReview } from "./cluster";

// An instance dies (SIGKILL) in the middle of a big job: another instance takes the job over
// (lib/jobs/takeover.ts) and finishes it from its checkpoint; the counts add up and nothing ran
// twice. Each test kills the instance running its job, so the cluster has one instance fewer after
// each: this project runs last (playwright.config.ts), one test at a time.
test.describe.configure({ mode: "serial" });

/** Polls `read` until it returns a value, at most `ms`. */
async function waitFor<T>(read: () => Promise<T | undefined | null | false>, what: string, ms: number): Promise<T> {
  for (const started = Date.now(); Date.now() - started < ms; ) {
    const value = await read();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
}

async function signedIn(page: Page, role: "admin" | "supervisor") {
  await signIn(page, ROLE_EMAILS[role], DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/contacts/);
}

test("an instance killed mid-way through a 200 000-row import: another finishes it, every row once", async ({ page, database }) => {
  test.setTimeout(420_000);
  const rows = 200_000;
  const tok = token("Kill");
  // Every row a new contact, except 500 that repeat an earlier row's phone (merged into it) and 300
  // with a phone that is no number (rejected): created + merged + failed = rows.
  const lines = ["First Name,Last Name,Phone"];
  for (let i = 0; i < rows; i++) {
    const phone = i >= rows - 300 ? "not a phone" : i >= rows - 800 ? `+1617${String(3_000_000 + (i % 500)).padStart(7, "0")}` : `+1617${String(3_000_000 + i).padStart(7, "0")}`;
    lines.push(`K${i},${tok},${phone}`);
  }
  await signedIn(page, "admin");
  await uploadAndReview(page, "", lines.join("\n") + "\n", `${tok}.csv`);
  const jobId = new URL(page.url()).searchParams.get("job")!;
  await page.getByRole("button", { name: /^Import .+ rows$/ }).click();
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toBeVisible();

  // The instance whose worker took the job: it holds the job's lock. Killed once some batches are in.
  const lockKey = `import:${jobId}`;
  const first = await waitFor(() => runnerOf(database, lockKey), "a worker to take the import", 60_000);
  await waitFor(async () => (await database.sql<{ n: number }[]>`select processed_rows as n from import_jobs where id = ${jobId}`)[0]!.n >= 20_000, "the first batches", 120_000);
  killInstance(first);
  const [atKill] = await database.sql<{ n: number; status: string }[]>`select processed_rows as n, status from import_jobs where id = ${jobId}`;
  expect(atKill).toMatchObject({ status: "running" });
  expect(atKill!.n).toBeLessThan(rows);

  // Another instance takes it within seconds (not pg-boss's two-hour expiry), and finishes it.
  const second = await waitFor(async () => {
    const holder = await runnerOf(database, lockKey);
    return holder && holder !== first ? holder : (await database.sql<{ status: string }[]>`select status from import_jobs where id = ${jobId}`)[0]!.status === "completed" && "finished";
  }, "another instance to take the import over", 60_000);
  expect(second).not.toBe(first);
  const job = await waitFor(
    async () => (await database.sql<{ status: string; processed_rows: number; created_count: number; merged_count: number; skipped_count: number; failed_count: number }[]>`
      select status, processed_rows, created_count, merged_count, skipped_count, failed_count from import_jobs where id = ${jobId}`).find((j) => j.status !== "running"),
    "the import to finish",
    300_000,
  );
  expect(job).toMatchObject({ status: "completed", processed_rows: rows, created_count: rows - 800, merged_count: 500, skipped_count: 0, failed_count: 300 });
  expect(job.created_count + job.merged_count + job.skipped_count + job.failed_count).toBe(rows);

  // Nothing twice: one contact per phone, one "imported" activity per created or merged row, one
  // completion in the audit log.
  const [contacts] = await database.sql<{ n: number; phones: number }[]>`
    select count(distinct c.id)::int as n, count(p.*)::int as phones from contacts c join contact_phones p on p.contact_id = c.id where c.last_name = ${tok}`;
  expect(contacts).toEqual({ n: rows - 800, phones: rows - 800 });
  const [dupes] = await database.sql<{ n: number }[]>`
    select count(*)::int as n from (select p.e164 from contacts c join contact_phones p on p.contact_id = c.id where c.last_name = ${tok} group by p.e164 having count(*) > 1) d`;
  expect(dupes!.n).toBe(0);
  const [imported] = await database.sql<{ n: number }[]>`select count(*)::int as n from activities where type = 'imported' and payload->>'jobId' = ${jobId}`;
  expect(imported!.n).toBe(rows - 300);
  const [audit] = await database.sql<{ completed: number }[]>`
    select count(*)::int as completed from audit_log where entity_type = 'import_job' and entity_id = ${jobId} and action = 'import.completed'`;
  expect(audit!.completed).toBe(1);
  // The batches' audit entries name each created contact once (a batch replayed would name its contacts again).
  const [batches] = await database.sql<{ named: number; distinct_named: number }[]>`
    select count(*)::int as named, count(distinct e.contact_id)::int as distinct_named
    from audit_log a, jsonb_array_elements_text(a.after->'createdContactIds') as e(contact_id)
    where a.entity_type = 'import_job' and a.entity_id = ${jobId} and a.action = 'import.batch'`;
  expect(batches).toEqual({ named: rows - 800, distinct_named: rows - 800 });

  // The wizard, through the balancer, shows it finished.
  await page.goto(`/contacts/import?job=${jobId}`);
  await expect(page.getByRole("region", { name: "Import wizard" }).getByText("Completed", { exact: true })).toBeVisible();
});

test("an instance killed mid-way through a 100 000-contact bulk delete: another finishes it, each contact once", async ({ page, database }) => {
  test.setTimeout(420_000);
  expect(CLUSTER.instances.length).toBeGreaterThanOrEqual(3);
  const total = 100_000;
  const tok = token("Del");
  await database.sql`
    insert into contacts (contact_key, first_name, last_name)
    select ${tok} || '-' || g, 'Del' || g, ${tok} from generate_series(1, ${total}) g`;
  await database.sql`analyze contacts`;
  await signedIn(page, "supervisor");
  await page.goto(`/contacts?q=${tok}`);
  // Bulk actions act on a selection: the page's rows, then all matching. A count this large is the
  // planner's estimate ("about …"); the dialog counts exactly.
  await page.getByRole("checkbox", { name: "Select all on this page" }).check({ timeout: 60_000 });
  await page.getByRole("button", { name: /^Select all .* matching$/ }).click();
  await expect(page.getByTestId("selection-target")).toContainText("matching selected");
  await page.getByRole("button", { name: "More actions" }).click();
  await page.getByRole("menuitem", { name: "Delete…" }).click();
  const del = page.getByRole("dialog", { name: "Delete contacts" });
  await del.getByLabel(/^Type 100,?000 to move 100,?000 contacts to Trash$/).fill(String(total));
  await del.getByRole("button", { name: /^Move 100,?000 contacts to Trash$/ }).click();
  await expect(del.getByRole("progressbar")).toBeVisible({ timeout: 60_000 });

  const [job] = await waitFor(
    async () => {
      const found = await database.sql<{ id: string }[]>`select j.id from bulk_jobs j where j.action = 'delete' and j.total = ${total} order by j.created_at desc limit 1`;
      return found.length ? found : undefined;
    },
    "the bulk job",
    60_000,
  );
  const lockKey = `bulk_job:${job!.id}`;
  const progress = async () => (await database.sql<{ processed: number; status: string }[]>`select processed, status from bulk_jobs where id = ${job!.id}`)[0]!;
  const first = await waitFor(() => runnerOf(database, lockKey), "a worker to take the bulk delete", 60_000);
  await waitFor(async () => (await progress()).processed >= 10_000, "the first chunks", 120_000);
  killInstance(first);
  const atKill = await progress();
  expect(atKill.status).toBe("running");
  expect(atKill.processed).toBeLessThan(total);

  const second = await waitFor(async () => {
    const holder = await runnerOf(database, lockKey);
    return holder && holder !== first ? holder : (await progress()).status === "completed" && "finished";
  }, "another instance to take the delete over", 60_000);
  expect(second).not.toBe(first);
  const done = await waitFor(async () => {
    const p = await progress();
    return p.status !== "running" && p;
  }, "the delete to finish", 300_000);
  expect(done).toEqual({ status: "completed", processed: total });

  // Every contact in Trash, each with one "Moved to Trash" on its timeline; the job's audit entry once.
  const [left] = await database.sql<{ live: number; trashed: number }[]>`
    select count(*) filter (where trashed_at is null)::int as live, count(*) filter (where trashed_at is not null)::int as trashed from contacts where last_name = ${tok}`;
  expect(left).toEqual({ live: 0, trashed: total });
  const [items] = await database.sql<{ n: number; done: number }[]>`select count(*)::int as n, count(done_at)::int as done from bulk_job_items where job_id = ${job!.id}`;
  expect(items).toEqual({ n: total, done: total });
  const [notes] = await database.sql<{ n: number; contacts: number }[]>`
    select count(*)::int as n, count(distinct contact_id)::int as contacts from activities where type = 'trashed' and payload->>'bulkJobId' = ${job!.id}`;
  expect(notes).toEqual({ n: total, contacts: total });
  const audit = await database.sql<{ action: string; n: number }[]>`
    select action, count(*)::int as n from audit_log where entity_type = 'bulk_job' and entity_id = ${job!.id} group by action`;
  expect(audit).toEqual([{ action: "contacts.bulk.delete", n: 1 }]);
});
