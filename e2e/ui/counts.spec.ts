import { eq, sql } from "drizzle-orm";
import { segments, users } from "../../db/schema";
import { expect, ROLE_EMAILS, storageStateOf, test, token } from "../fixtures";

test.describe("counts as a supervisor", () => {
  test.use({ storageState: storageStateOf("supervisor") });

  test("a segment of 1,234 contacts says 1,234 in its tab and the pagination, not “~1,200” or “about”", async ({ page, database }) => {
    const company = token("Count");
    // More than the list's probe collects (1 000), on a table far below the sampling size.
    await database.db.execute(sql`
      insert into contacts (contact_key, first_name, last_name, company)
      select ${company} || '-' || g, 'Many', 'Person ' || g, ${company} from generate_series(1, 1234) g`);
    await database.db.execute(sql`analyze contacts`);
    const [owner] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, ROLE_EMAILS.supervisor));
    const [segment] = await database.db
      .insert(segments)
      .values({ name: `Many ${company}`, filter: { join: "and", conditions: [{ field: "company", op: "is", value: company }] }, ownerId: owner!.id })
      .returning();
    await page.goto(`/contacts?segment=${segment!.id}`);
    const tab = page.getByRole("navigation", { name: "Segments" }).getByRole("link", { name: new RegExp(`Many ${company}`) });
    await expect(tab).toHaveAttribute("aria-current", "page");
    await expect(tab).toHaveText(`Many ${company}1,234`);
    await expect(page.getByTestId("range")).toHaveText("1–50 of 1,234");
    await page.getByRole("checkbox", { name: "Select all on this page" }).check();
    await expect(page.getByRole("button", { name: "Select all 1,234 matching" })).toBeVisible();
  });
});
