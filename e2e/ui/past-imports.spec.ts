import { eq } from "drizzle-orm";
import { importJobs, users } from "../../db/schema";
import { axeViolations } from "../axe";
import { expect, ROLE_EMAILS, storageStateOf, test, token } from "../fixtures";

test.describe("Past imports", () => {
  test.use({ storageState: storageStateOf("admin") });

  test("leaves out uploads abandoned for a day, keeps the fresh one and every import that ran", async ({ page, database }) => {
    const tok = token("past");
    const [admin] = await database.db.select().from(users).where(eq(users.email, ROLE_EMAILS.admin));
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    const job = (fileName: string, values: Partial<typeof importJobs.$inferInsert> = {}) => ({
      fileName: `${tok}-${fileName}`,
      filePath: `/nonexistent/${tok}-${fileName}`,
      fileSize: 10,
      createdById: admin!.id,
      ...values,
    });
    await database.db.insert(importJobs).values([
      job("abandoned.csv", { createdAt: dayAgo }),
      job("cancelled-unstarted.csv", { createdAt: dayAgo, status: "cancelled", finishedAt: dayAgo }),
      job("fresh.csv"),
      job("ran.csv", { createdAt: dayAgo, status: "completed", startedAt: dayAgo, finishedAt: dayAgo, processedRows: 3, createdCount: 3 }),
    ]);

    await page.goto("/contacts/import");
    const table = page.getByRole("table", { name: "Past imports, newest first" });
    await expect(table.getByRole("link", { name: `${tok}-fresh.csv` })).toBeVisible();
    await expect(table.getByRole("link", { name: `${tok}-ran.csv` })).toBeVisible();
    await expect(table.getByRole("link", { name: `${tok}-abandoned.csv` })).toHaveCount(0);
    await expect(table.getByRole("link", { name: `${tok}-cancelled-unstarted.csv` })).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});
