import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import type { User } from "@/db/schema";
import { ValidationError } from "@/lib/errors";
import { importCsv } from "@/lib/import/test-helpers";
import { makeUser, unique } from "@/lib/testing/factories";
import { compileFilter } from "./compile";
import { loadFilterContext, loadFilterFields } from "./context";
import { importFilter, type FilterField } from "./fields";

let admin: User;
let fields: FilterField[];

beforeAll(async () => {
  admin = await makeUser("admin");
  fields = await loadFilterFields();
});

/** Who the filter matches, by e-mail, in both its forms (joined for collecting, per row for walking the list's index). */
async function matching(jobId: string): Promise<string[]> {
  const forms = await Promise.all(
    [false, true].map(async (perRow) => {
      const where = compileFilter(importFilter(jobId), { fields, userId: admin.id, perRow })!;
      const rows = await db.execute<{ email: string }>(sql`
        select e.email from contacts c join contact_emails e on e.contact_id = c.id and e.is_primary where ${where} order by e.email`);
      return rows.map((r) => r.email);
    }),
  );
  expect(forms[1]).toEqual(forms[0]);
  return forms[0]!;
}

describe("the Import filter", () => {
  it("matches the contacts an import created and those it updated, not the rows it skipped or other imports' contacts", async () => {
    const tok = unique("imp").toLowerCase();
    const [ana, ben, cy, dee] = ["ana", "ben", "cy", "dee"].map((n) => `${n}.${tok}@example.test`);
    const first = await importCsv(admin, `Email,First name\n${ana},Ana\n${ben},Ben\n`, { fileName: "first.csv" });
    // Ana again (merged: updated, not created), Cy new, and a rejected row.
    const second = await importCsv(admin, `Email,First name\n${ana},Ana B.\n${cy},Cy\nnot-an-email,Bad\n`, { fileName: "second.csv" });
    // "Skip existing": Dee is created, Ben is left alone, so this import did not touch Ben.
    const third = await importCsv(admin, `Email,First name\n${ben},Ben\n${dee},Dee\n`, { fileName: "third.csv", options: { existing: "skip" } });
    expect([second.job.createdCount, second.job.mergedCount, second.job.failedCount]).toEqual([1, 1, 1]);
    expect(third.job.skippedCount).toBe(1);

    expect(await matching(first.jobId)).toEqual([ana, ben]);
    expect(await matching(second.jobId)).toEqual([ana, cy]);
    expect(await matching(third.jobId)).toEqual([dee]);
    expect(await matching("00000000-0000-4000-8000-000000000000")).toEqual([]);

    // The filter bar names the import on its chip.
    const context = await loadFilterContext();
    expect(context.imports.find((o) => o.value === second.jobId)?.label).toBe("second.csv (2 contacts)");
  });

  it("refuses a value that is not an import job id, as a message and never as SQL", () => {
    for (const value of ["x'; drop table contacts; --", 42, undefined]) {
      const error = (() => {
        try {
          compileFilter({ join: "and", conditions: [{ field: "importJob", op: "is", value }] }, { fields, userId: admin.id });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as Error).message).toBe("Import is: Pick an import.");
    }
    expect(() => compileFilter({ join: "and", conditions: [{ field: "importJob", op: "contains", value: "x" }] }, { fields, userId: admin.id })).toThrow(/does not apply to Import/);
  });

  it("is answered from the partial index on the job id, not by reading every activity", async () => {
    const where = compileFilter(importFilter("00000000-0000-4000-8000-000000000000"), { fields, userId: admin.id })!;
    const plan = await db.transaction(async (tx) => {
      // A test table is small enough for a sequential scan to win; what is checked is that the index fits the query.
      await tx.execute(sql`set local enable_seqscan = off`);
      return (await tx.execute<{ "QUERY PLAN": string }>(sql`explain select c.id from contacts c where ${where}`)).map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("activities_import_job_idx");
  });
});
