import { contactAttributeValues } from "../../db/schema";
import { axeViolations } from "../axe";
import { expect, storageStateOf, test, token } from "../fixtures";

test.describe("quick search of the contact list", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("ignores accents and case both ways: names, e-mails, company and attribute words", async ({ page, makeContact, makeAttribute, database }) => {
    const tok = token("Acc").toLowerCase();
    const muller = await makeContact({ firstName: "Inès", lastName: `Müller${tok}` });
    await makeContact({ firstName: "Ines", lastName: `Lefevre${tok}` });
    await makeContact({ firstName: "Chloé", lastName: `Mail${tok}` }, { emails: [`chloé.${tok}@exämple.test`] });
    await makeContact({ firstName: "Rui", lastName: `Comp${tok}`, company: `São Paulo Motors ${tok}` });
    const dessert = await makeAttribute({ label: "Dessert", type: "text" });
    const creme = await makeContact({ firstName: "Word", lastName: `Attr${tok}` });
    await database.db.insert(contactAttributeValues).values({ contactId: creme.id, attributeId: dessert.id, textValue: `Crème Brûlée${tok}` });

    await page.goto("/contacts");
    const box = page.getByLabel("Search contacts");
    for (const [typed, name] of [
      [`muller${tok}`, `Inès Müller${tok}`],
      [`INÈS MÜLLER${tok}`, `Inès Müller${tok}`],
      [`lefèvre${tok}`, `Ines Lefevre${tok}`],
      [`chloe.${tok}@example`, `Chloé Mail${tok}`],
      [`sao paulo motors ${tok}`, `Rui Comp${tok}`],
      [`brulee${tok}`, `Word Attr${tok}`],
    ] as const) {
      await box.fill(typed);
      await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(typed);
      await expect(page.getByRole("link", { name, exact: true }), typed).toBeVisible();
    }
    await box.fill(`müller${tok}`);
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(`müller${tok}`);
    await page.getByRole("link", { name: `Inès Müller${tok}` }).click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${muller.id}`));
  });

  test("a typo finds nothing but offers the close matches under “Did you mean…”", async ({ page, makeContact }) => {
    const tok = token("Typo").toLowerCase();
    const quentin = await makeContact({ firstName: "Quentin", lastName: tok, company: "Nimbus Cloud" });
    await page.goto(`/contacts?q=${encodeURIComponent(`quentn ${tok}`)}`);
    await expect(page.getByRole("heading", { name: `No contacts match “quentn ${tok}”` })).toBeVisible();
    const hints = page.getByRole("region", { name: "Did you mean…" });
    await expect(hints.getByRole("link", { name: `Quentin ${tok}` })).toBeVisible();
    await expect(hints.getByText("Nimbus Cloud")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await hints.getByRole("link", { name: `Quentin ${tok}` }).click();
    await expect(page).toHaveURL(new RegExp(`/contacts/${quentin.id}`));
  });

  test("matches hidden in Blocked and Archived are counted, with links to them", async ({ page, makeContact }) => {
    const tok = token("Hid");
    await makeContact({ firstName: "Bea", lastName: tok, blocked: true, blockedAt: new Date() });
    await makeContact({ firstName: "Abe", lastName: tok, archived: true, archivedAt: new Date() });
    await makeContact({ firstName: "Ada", lastName: tok, archived: true, archivedAt: new Date() });
    await page.goto(`/contacts?q=${tok}`);
    await expect(page.getByRole("heading", { name: `No contacts match “${tok}”` })).toBeVisible();
    await expect(page.getByRole("link", { name: "1 match in Blocked" })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "2 matches in Archived" }).click();
    await expect(page).toHaveURL(/segment=archived/);
    await expect(page.getByRole("link", { name: `Abe ${tok}` })).toBeVisible();
    await expect(page.getByRole("link", { name: `Ada ${tok}` })).toBeVisible();

    // A short result on All contacts says where the others are, under the table.
    await makeContact({ firstName: "Liv", lastName: tok });
    await page.goto(`/contacts?q=${tok}`);
    await expect(page.getByRole("link", { name: `Liv ${tok}` })).toBeVisible();
    await expect(page.getByRole("link", { name: "1 match in Blocked" })).toBeVisible();
    await expect(page.getByRole("link", { name: "2 matches in Archived" })).toBeVisible();
  });
});
