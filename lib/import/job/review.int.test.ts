import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "@/db/schema";
import { actorOf, makeContact, makeUser, unique } from "@/lib/testing/factories";
import { reviewImport, saveImportSettings } from "./review";
import { runImportJob } from "./run-job";
import { importFileKey } from "./files";
import { configureAndQueue, contactsWithPhones, counts, importPhone, loadJob, storedText, uploadCsv } from "../test-helpers";

let admin: User;
beforeAll(async () => {
  admin = await makeUser("supervisor");
});

const csv = (...lines: string[]) => lines.join("\n") + "\n";

describe("reviewImport", () => {
  it("counts exactly what the job then does — merges, in-file duplicates across batches, conflicts, rejects — without writing a contact", async () => {
    const [pa, pb, p1, p2, p3] = [importPhone(), importPhone(), importPhone(), importPhone(), importPhone()];
    const eb = `${unique("b")}@example.com`;
    await makeContact({ firstName: "Anna" }, { phones: [pa] });
    await makeContact({ firstName: "Bert" }, { phones: [pb], emails: [eb] });
    const file = csv(
      "First Name,Phone,Email,Since",
      `Anna,${pa},,2024-02-03`, // merges into Anna
      `Conflict,${pa},${eb},`, // merges into Anna, e-mail stays on Bert: a warning
      `New,${p1},,03.04.2024`,
      `Bad,12,,`, // rejected
      `Again,${p1},,`, // in-file duplicate of line 4, in another review batch
      `Other,${p2},,`,
      `Last,${p3},,`,
    );
    const draft = await uploadCsv(admin, file);
    await saveImportSettings({ jobId: draft.job.id, mapping: ["firstName", "phone", "email", "ignore"], options: { defaultCountry: "US", tags: [], existing: "merge" } }, actorOf(admin));
    const review = await reviewImport(draft.job.id, { batchSize: 3 });
    expect(review.totalRows).toBe(7);
    expect(review.counts).toEqual({ created: 3, merged: 3, skipped: 0, failed: 1, warnings: 1 });
    expect(review.rejected).toEqual([{ line: 5, error: 'Phone: "12" is not a valid phone number for US. Add the country code with a +.' }]);
    expect(review.warnings).toEqual([{ line: 3, warning: expect.stringMatching(new RegExp(`^E-mail ${eb} stays on Bert`)) }]);
    expect(review.columns.map((c) => c.label)).toEqual(["First name", "Phone", "Email"]);
    expect(review.sample[0]).toEqual({ line: 2, outcome: "merged", values: ["Anna", pa, ""] });
    expect(review.sample.find((r) => r.line === 4)).toEqual({ line: 4, outcome: "created", values: ["New", p1, ""] });
    expect(review.sample.find((r) => r.line === 6)!.outcome).toBe("merged");
    expect(await contactsWithPhones([p1, p2, p3])).toEqual([]);
    expect((await loadJob(draft.job.id)).totalRows).toBe(7);
    expect((await storedText(importFileKey(draft.job.id, "review-errors")))).toContain('"5","Phone: ""12"" is not a valid phone number');

    await configureAndQueue(admin, draft.job.id, ["firstName", "phone", "email", "ignore"]);
    await runImportJob(draft.job.id, { batchSize: 3 });
    const job = await loadJob(draft.job.id);
    expect(counts(job)).toEqual(review.counts);
  });

  it("shows values as they will be stored: E.164 phones, lower-case e-mails, parsed dates, split names, tags with the options' ones", async () => {
    const key = unique("since_");
    const { db } = await import("@/db");
    const { attributeDefinitions } = await import("@/db/schema");
    await db.insert(attributeDefinitions).values({ key, label: `Since ${key}`, type: "date" });
    const draft = await uploadCsv(admin, csv("Name,Phone,Email,Since,Labels", "Dr. Ada Lovelace,(303) 555-0142,ADA@Example.COM,05/03/2024,vip; Gold"));
    await saveImportSettings(
      { jobId: draft.job.id, mapping: ["fullName", "phone", "email", `attr:${key}`, "tags"], options: { defaultCountry: "US", tags: ["Fair"], existing: "merge", dateOrder: "dmy" } },
      actorOf(admin),
    );
    const review = await reviewImport(draft.job.id);
    expect(review.columns.map((c) => c.label)).toEqual(["First name", "Last name", "Phone", "Email", `Since ${key}`, "Tags"]);
    expect(review.sample[0]!.values).toEqual(["Ada", "Lovelace", "+13035550142", "ada@example.com", "2024-03-05", "vip, Gold, Fair"]);
  });

  it("skip: rows of existing contacts are counted as skipped", async () => {
    const p = importPhone();
    await makeContact({}, { phones: [p] });
    const draft = await uploadCsv(admin, csv("Phone", p, importPhone()));
    await saveImportSettings({ jobId: draft.job.id, mapping: ["phone"], options: { defaultCountry: "US", tags: [], existing: "skip" } }, actorOf(admin));
    expect((await reviewImport(draft.job.id)).counts).toMatchObject({ created: 1, skipped: 1 });
  });

  it("refuses a mapping without any identifier, and one for a job that has started", async () => {
    const draft = await uploadCsv(admin, csv("Name,Phone", `A,${importPhone()}`));
    await expect(
      saveImportSettings({ jobId: draft.job.id, mapping: ["fullName", "ignore"], options: { defaultCountry: "US", tags: [], existing: "merge" } }, actorOf(admin)),
    ).rejects.toThrow("Map at least one column to Phone, Email or Contact ID");
    await configureAndQueue(admin, draft.job.id, ["fullName", "phone"]);
    await expect(reviewImport(draft.job.id)).rejects.toThrow("This import has already started.");
  });
});
