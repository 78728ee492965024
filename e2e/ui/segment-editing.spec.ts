import { eq } from "drizzle-orm";
import { segments, users } from "../../db/schema";
import { axeViolations } from "../axe";
import { expect, ROLE_EMAILS, storageStateOf, test, token } from "../fixtures";

const countryIs = (code: string) => ({ join: "and" as const, conditions: [{ field: "country", op: "any_of", value: [code] }] });

test.describe("a saved segment's conditions, seen and edited", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("saving a segment opens its tab, shows its conditions; Filter edits them and Update segment changes the list", async ({ page, database, makeContact }) => {
    const tok = token("Ed");
    await makeContact({ firstName: "Anna", lastName: tok, country: "DE" });
    await makeContact({ firstName: "Bert", lastName: tok, country: "DE" });
    await makeContact({ firstName: "Carl", lastName: tok, country: "FR" });
    // Enough saved segments before it (by name) that the new one would not fit among the tabs.
    const [owner] = await database.db.select().from(users).where(eq(users.email, ROLE_EMAILS.supervisor));
    for (let i = 0; i < 5; i++) await database.db.insert(segments).values({ name: `Aa ${tok} ${i}`, ownerId: owner!.id, filter: countryIs("DE") });

    await page.goto(`/contacts?q=${tok}&f=${encodeURIComponent(JSON.stringify(countryIs("DE")))}`);
    await expect(page.getByTestId("range")).toHaveText("1–2 of 2");
    await page.getByRole("button", { name: "Save as segment" }).click();
    const dialog = page.getByRole("dialog", { name: "Save as segment" });
    await dialog.getByLabel("Name").fill(`Zz ${tok}`);
    await dialog.getByRole("button", { name: "Save segment" }).click();
    await expect(page).toHaveURL(/segment=\d+/);
    const id = /segment=(\d+)/.exec(page.url())![1];

    // Its tab is the current one, visible in the row, and its conditions show as chips.
    const tabs = page.getByRole("navigation", { name: "Segments" });
    const tab = tabs.getByRole("link", { name: new RegExp(`Zz ${tok}`) });
    await expect(tab).toHaveAttribute("aria-current", "page");
    await expect(tab).toBeInViewport();
    await expect(page.getByText(`Segment Zz ${tok}`)).toBeVisible();
    const chips = page.getByRole("list", { name: "Segment conditions" });
    await expect(chips).toContainText("Country is any of Germany");
    await expect(chips).toContainText(`Search “${tok}”`);
    await expect(page.getByTestId("range")).toHaveText("1–2 of 2");

    // Filter opens with the segment's conditions; editing them shows the edited view.
    await page.getByRole("button", { name: "Filter" }).click();
    const condition = page.getByRole("region", { name: "Filter" }).getByRole("group", { name: "Condition 1" });
    await expect(condition.getByLabel("Field")).toHaveValue("country");
    await expect(condition.getByLabel("Value")).toHaveValues(["DE"]);
    await condition.getByLabel("Value").selectOption({ label: "France" });
    await page.getByRole("button", { name: "Apply filter" }).click();
    await expect(page).toHaveURL(new RegExp(`edit=${id}`));
    await expect(page.getByText(`Editing segment Zz ${tok}`)).toBeVisible();
    await expect(chips).toContainText("Country is any of France");
    await expect(page.getByTestId("range")).toHaveText("1–1 of 1");
    await expect(tab).toHaveAttribute("aria-current", "page");
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Update segment" }).click();
    await expect(page).toHaveURL(new RegExp(`/contacts\\?segment=${id}$`));
    await expect(page.getByText(`Segment Zz ${tok}`)).toBeVisible();
    await expect(chips).toContainText("Country is any of France");
    await expect(page.getByRole("link", { name: `Carl ${tok}` })).toBeVisible();
    await expect(page.getByTestId("range")).toHaveText("1–1 of 1");
    await expect(tab).toHaveText(new RegExp(`Zz ${tok}\\s*1$`));

    // From another segment it waits in the "More segments" menu, and opens from there.
    await page.goto("/contacts");
    await expect(tab).toHaveCount(0);
    await tabs.getByRole("button", { name: /More segments/ }).click();
    await page.getByRole("menuitem", { name: new RegExp(`Zz ${tok}`) }).click();
    await expect(page).toHaveURL(new RegExp(`segment=${id}`));
    await expect(tab).toHaveAttribute("aria-current", "page");
    await expect(tab).toBeInViewport();

    // The Segments page offers more than rename and delete: Edit conditions opens the list editing it.
    await page.goto("/segments");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("link", { name: `Edit conditions of Zz ${tok}` }).click();
    await expect(page.getByText(`Editing segment Zz ${tok}`)).toBeVisible();
    await expect(chips).toContainText("Country is any of France");
    await expect(page.getByRole("button", { name: "Update segment" })).toBeVisible();
  });
});

test.describe("someone else's shared segment", () => {
  test.use({ storageState: storageStateOf("agent") });

  test("an agent edits its conditions but cannot update it: no Update segment, and the server refuses the request", async ({ page, browser, database, makeContact }) => {
    const tok = token("Sh");
    await makeContact({ firstName: "Dora", lastName: tok, country: "DE" });
    await makeContact({ firstName: "Emil", lastName: tok, country: "FR" });
    const [supervisor] = await database.db.select().from(users).where(eq(users.email, ROLE_EMAILS.supervisor));
    const [segment] = await database.db
      .insert(segments)
      .values({ name: `Team ${tok}`, ownerId: supervisor!.id, shared: true, filter: countryIs("DE"), search: tok })
      .returning();

    await page.goto(`/contacts?segment=${segment!.id}`);
    await expect(page.getByText("shared with the team · by someone else")).toBeVisible();
    await page.getByRole("button", { name: "Filter" }).click();
    const condition = page.getByRole("region", { name: "Filter" }).getByRole("group", { name: "Condition 1" });
    await expect(condition.getByLabel("Value")).toHaveValues(["DE"]);
    await condition.getByLabel("Value").selectOption({ label: "France" });
    await page.getByRole("button", { name: "Apply filter" }).click();
    await expect(page.getByText(`Editing segment Team ${tok}`)).toBeVisible();
    await expect(page.getByRole("link", { name: `Emil ${tok}` })).toBeVisible();
    await expect(page.getByRole("button", { name: "Update segment" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Save as new segment" })).toBeVisible();

    // The owner's own Update segment request, captured and replayed with the agent's session.
    const owner = await browser.newContext({ storageState: storageStateOf("supervisor") });
    const ownerPage = await owner.newPage();
    let request: { url: string; headers: Record<string, string>; body: string } | null = null;
    await ownerPage.route("**/contacts**", async (route) => {
      const r = route.request();
      if (r.method() !== "POST" || !r.headers()["next-action"]) return route.continue();
      request = { url: r.url(), headers: r.headers(), body: r.postData() ?? "" };
      await route.abort();
    });
    await ownerPage.goto(page.url());
    await ownerPage.getByRole("button", { name: "Update segment" }).click();
    await expect.poll(() => request).not.toBeNull();
    await owner.close();

    const { url, headers, body } = request!;
    const response = await page.request.post(url, {
      headers: { "next-action": headers["next-action"]!, "content-type": headers["content-type"]!, accept: "text/x-component", origin: new URL(url).origin },
      data: body,
    });
    expect(await response.text()).toContain("Only its owner or an admin can change a shared segment.");
    const [after] = await database.db.select().from(segments).where(eq(segments.id, segment!.id));
    expect(after!.filter).toEqual(countryIs("DE"));
  });
});
