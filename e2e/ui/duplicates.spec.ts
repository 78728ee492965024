import type { Page } from "@playwright/test";
import { notes } from "../../db/schema";
import { axeViolations } from "../axe";
import { expect, storageStateOf, test, token } from "../fixtures";

/** Recompute, and wait for the job to finish and the page to show its clusters. */
async function recompute(page: Page) {
  // Afresh, so that the status shown is this job's, not an earlier one's.
  await page.reload();
  await page.getByRole("button", { name: "Recompute" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Done: the clusters below are the new ones." })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByText(/Last computed/)).toBeVisible();
}

test.describe("the duplicate finder as a supervisor", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("opens Duplicates, merges a cluster, undoes that merge from the primary's timeline and finds the contacts back; a cluster marked Not duplicates stays gone after Recompute", async ({ page, database, makeContact }) => {
    test.setTimeout(300_000); // two background jobs, a merge, its undo and two axe scans on a loaded 2-core machine
    const [merged, kept] = [token("Mergeme"), token("Keepapart")];
    const company = `Co ${merged}`;
    // Four and three members: the largest exact clusters come first, so both are on the first page.
    const toMerge = [];
    for (let i = 0; i < 4; i++) toMerge.push(await makeContact({ firstName: "Dora", lastName: merged, company, createdAt: new Date(Date.UTC(2024, i, 1)) }));
    for (let i = 0; i < 3; i++) await makeContact({ firstName: "Ivo", lastName: kept, city: `Town ${kept}` });
    // A secondary's note: the merge moves it onto the primary, the undo takes it back.
    await database.db.insert(notes).values({ contactId: toMerge[2]!.id, body: `Note of the third ${merged}` });

    await page.goto("/contacts");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Duplicates" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Duplicates" })).toBeVisible();
    await recompute(page);

    const mergeCluster = page.getByRole("article", { name: Array(4).fill(`Dora ${merged}`).join(" · ") });
    const keepCluster = page.getByRole("article", { name: Array(3).fill(`Ivo ${kept}`).join(" · ") });
    await expect(mergeCluster.getByRole("list", { name: "Reasons" })).toContainText("Same name and company");
    await expect(mergeCluster.getByRole("list", { name: "Reasons" })).toContainText("Exact");
    await expect(mergeCluster.getByRole("row")).toHaveCount(5);
    await expect(mergeCluster.getByRole("cell", { name: toMerge[0]!.contactKey })).toBeVisible();
    await expect(keepCluster.getByRole("list", { name: "Reasons" })).toContainText("Same name and city");
    expect(await axeViolations(page)).toEqual([]);

    // Merge: the merge drawer opens with the cluster's contacts, the oldest as primary.
    await mergeCluster.getByRole("button", { name: "Merge", exact: true }).click();
    const drawer = page.getByRole("dialog", { name: "Merge contacts" });
    await expect(drawer.getByRole("region", { name: `Dora ${merged}` })).toHaveCount(4);
    await expect(drawer.getByRole("region", { name: `Dora ${merged}` }).nth(0).getByRole("radio", { name: "Primary" })).toBeChecked();
    await drawer.getByRole("button", { name: "Merge", exact: true }).click();
    await page.getByRole("dialog", { name: "Merge duplicates" }).getByRole("button", { name: "Yes, merge" }).click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${toMerge[0]!.id}\\?merged=4`));
    await expect(page.getByText(`Note of the third ${merged}`)).toBeVisible();

    await page.goto("/contacts/duplicates");
    await expect(keepCluster).toBeVisible();
    await expect(mergeCluster).toHaveCount(0);

    // Undo that merge from the primary's timeline: the three secondaries come back under their own Contact IDs.
    const [primary, ...secondaries] = toMerge as [(typeof toMerge)[number], ...typeof toMerge];
    await page.goto(`/contacts/${primary.id}`);
    const entry = page.getByRole("list", { name: "Activity, newest first" }).getByRole("listitem").filter({ hasText: "Merged 4 contacts" });
    await entry.getByRole("button", { name: "Undo merge" }).click();
    const undo = page.getByRole("dialog", { name: "Undo this merge?" });
    for (const s of secondaries) await expect(undo).toContainText(s.contactKey);
    await undo.getByRole("button", { name: "Yes, undo merge" }).click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${primary.id}\\?mergeUndone=\\d+`));
    const notice = page.getByRole("status").filter({ hasText: "Merge undone: 3 contacts restored" });
    await expect(notice).toBeVisible();
    await expect(page.getByText(`Note of the third ${merged}`)).toHaveCount(0);
    await notice.getByRole("link", { name: secondaries[1]!.contactKey }).click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${secondaries[1]!.id}$`));
    await expect(page.getByRole("heading", { level: 1, name: `Dora ${merged}` })).toBeVisible();
    await expect(page.getByText(secondaries[1]!.contactKey).first()).toBeVisible();
    await expect(page.getByText(`Note of the third ${merged}`)).toBeVisible();
    for (const s of [secondaries[0]!, secondaries[2]!]) {
      await page.goto(`/contacts/${s.id}`);
      await expect(page).toHaveURL(new RegExp(`/contacts/${s.id}$`));
      await expect(page.getByText(s.contactKey).first()).toBeVisible();
    }

    // Not duplicates: asked first, then gone, and still gone after a recompute.
    await page.goto("/contacts/duplicates");
    await keepCluster.getByRole("button", { name: "Not duplicates" }).click();
    const confirm = page.getByRole("dialog", { name: "Not duplicates?" });
    await expect(confirm).toContainText("3 contacts will never be proposed as duplicates of each other again");
    await confirm.getByRole("button", { name: "Not duplicates" }).click();
    await expect(keepCluster).toHaveCount(0);
    await recompute(page);
    await expect(keepCluster).toHaveCount(0);
    // The recompute finds the four restored contacts again, each with its own Contact ID.
    await expect(mergeCluster.getByRole("row")).toHaveCount(5);
    for (const c of toMerge) await expect(mergeCluster.getByRole("cell", { name: c.contactKey })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
});

test.describe("the duplicate finder as an agent", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("has no Duplicates link, and the page says it is not for agents", async ({ page }) => {
    await page.goto("/contacts");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contacts" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Duplicates" })).toHaveCount(0);
    await page.goto("/contacts/duplicates");
    await expect(page.getByText("The duplicate finder is for supervisors and admins.")).toBeVisible();
  });
});
