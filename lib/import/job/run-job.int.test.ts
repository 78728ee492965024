import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { activities, attributeDefinitions, auditLog, contactAttributeValues, contactExternalIds, tags, users, type User } from "@/db/schema";
import { actorOf, makeContact, makeUser, unique } from "@/lib/testing/factories";
import { cancelImportJob } from "./jobs";
import { runImportJob } from "./run-job";
import { importFileKey } from "./files";
import { fileStore } from "@/lib/storage";
import {
  configureAndQueue,
  contactByEmail,
  contactByPhone,
  contactsWithPhones,
  counts,
  importPhone,
  importCsv,
  loadJob,
  storedText,
  uploadCsv,
} from "../test-helpers";

let admin: User;
beforeAll(async () => {
  admin = await makeUser("admin");
});

const csv = (...lines: string[]) => lines.join("\r\n") + "\r\n";
const email = (p = "m") => `${unique(p)}@example.com`;

describe("runImportJob: new contacts", () => {
  it("creates contacts with normalised identifiers, tags, source import and an activity", async () => {
    const [p1, p2] = [importPhone(), importPhone()];
    const e1 = email();
    const tag = unique("Fair ");
    const { job } = await importCsv(admin, csv("First Name,Last Name,Phone,Mobile,Email,Company,Tags", `Ada,Lovelace,${p1},${p2},  ${e1.toUpperCase()} ,Engines,${tag};VIP`), {
      fileName: "fair.csv",
      options: { tags: ["Campaign X"] },
    });
    expect(job.status).toBe("completed");
    expect(counts(job)).toEqual({ created: 1, merged: 0, skipped: 0, failed: 0, warnings: 0 });
    expect(job.totalRows).toBe(1);
    const c = (await contactByPhone(p1))!;
    expect(c).toMatchObject({ firstName: "Ada", lastName: "Lovelace", company: "Engines", source: "import", leadStage: "contact", phones: [p1, p2], primaryPhone: p1, emails: [e1] });
    expect(c.tags).toEqual(["Campaign X", tag, "VIP"].sort());
    expect(c.activities.map((a) => [a.type, a.summary, a.actorId])).toEqual([["imported", "Imported from fair.csv", admin.id]]);
    expect(c.searchDoc).toContain(p1.slice(1));
    expect(c.searchDoc).toContain(e1);
    expect(c.contactKey).toMatch(/^C-[0-9A-Z]{8}$/);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "import_job"), eq(auditLog.entityId, job.id)));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["import.upload", "import.configure", "import.batch", "import.completed"]));
  });

  it("rejects invalid rows with their line and reason into the error CSV and imports the rest", async () => {
    const p = importPhone();
    const { job } = await importCsv(admin, csv("Name,Phone,Email", `Good Row,${p},`, "Bad Mail,,not-an-email", '"Multi\nLine",12,'));
    expect(counts(job)).toMatchObject({ created: 1, failed: 2 });
    const errors = (await storedText(job.errorFilePath!)).split("\r\n");
    expect(errors[0]).toBe('\uFEFF"line","error","Name","Phone","Email"');
    expect(errors[1]).toBe('"3","Email: ""not-an-email"" is not a valid e-mail address.","Bad Mail","","not-an-email"');
    expect(errors[2]).toMatch(/^"4","Phone: ""12"" is not a valid phone number for US\./);
    expect(errors[2]).toContain('"Multi\nLine"');
  });

  it("sets custom attributes, external IDs and a given Contact ID; a second file finds the contact by them", async () => {
    const key = unique("attr_");
    await db.insert(attributeDefinitions).values([
      { key: `${key}_plan`, label: `Plan ${key}`, type: "dropdown", options: ["Free", "Pro"] },
      { key: `${key}_score`, label: `Score ${key}`, type: "number" },
      { key: `${key}_since`, label: `Since ${key}`, type: "date" },
    ]);
    const contactKey = unique("K-");
    const hubspot = unique("");
    const p = importPhone();
    const { job } = await importCsv(admin, csv("Contact ID,Record ID,Phone,Plan,Score,Since", `${contactKey},${hubspot},${p},pro,"1.234,5",2024-03-05`), {
      mapping: () => ["contactKey", "ext:hubspot", "phone", `attr:${key}_plan`, `attr:${key}_score`, `attr:${key}_since`],
    });
    expect(counts(job)).toMatchObject({ created: 1, failed: 0 });
    const c = (await contactByPhone(p))!;
    expect(c.contactKey).toBe(contactKey);
    const values = await db.select().from(contactAttributeValues).where(eq(contactAttributeValues.contactId, c.id));
    expect(values.map((v) => v.textValue ?? v.numberValue ?? v.dateValue).sort()).toEqual(["1234.5", "2024-03-05", "Pro"]);
    expect(await db.select({ s: contactExternalIds.system, x: contactExternalIds.externalId }).from(contactExternalIds).where(eq(contactExternalIds.contactId, c.id))).toEqual([{ s: "hubspot", x: hubspot }]);

    // By Contact ID, then by external ID: both merge into the same contact, which gets the new phone.
    const [p2, p3] = [importPhone(), importPhone()];
    const again = await importCsv(admin, csv("Contact ID,Phone", `${contactKey},${p2}`));
    const byExternal = await importCsv(admin, csv("Record ID,Phone,Email", `${hubspot},${p3},${email()}`), { mapping: () => ["ext:hubspot", "phone", "email"] });
    expect([counts(again.job).merged, counts(byExternal.job).merged]).toEqual([1, 1]);
    expect((await contactByPhone(p))!.phones).toEqual([p, p2, p3]);
  });
});

describe("runImportJob: merge rules (SPEC §6.6)", () => {
  it("merges into the contact holding the phone: the file's non-empty values win, phones, e-mails and tags are united", async () => {
    const [p1, p2] = [importPhone(), importPhone()];
    const [e1, e2] = [email(), email()];
    const existing = await makeContact({ firstName: "Old", lastName: "Name", company: "Keep Co", jobTitle: "Old title", leadStage: "lead" }, { phones: [p1], emails: [e1] });
    const [oldTag] = await db.insert(tags).values({ name: unique("Old tag ") }).returning();
    await db.execute(sql`insert into contact_tags (contact_id, tag_id) values (${existing.id}, ${oldTag!.id})`);
    const { job } = await importCsv(admin, csv("First Name,Last Name,Company,Job Title,Lead Stage,Phone,Mobile,Email,Tags", `New,,,CEO,Customer,${p1},${p2},${e2},Imported`));
    expect(counts(job)).toEqual({ created: 0, merged: 1, skipped: 0, failed: 0, warnings: 0 });
    const c = (await contactByPhone(p1))!;
    expect(c.id).toBe(existing.id);
    expect(c).toMatchObject({ firstName: "New", lastName: "Name", company: "Keep Co", jobTitle: "CEO", leadStage: "customer", source: "manual", version: existing.version + 1 });
    expect(c.phones).toEqual([p1, p2]);
    expect(c.primaryPhone).toBe(p1);
    expect(c.emails).toEqual([e1, e2]);
    expect(c.tags).toEqual([oldTag!.name, "Imported"].sort());
    expect(c.activities.filter((a) => a.type === "imported")).toHaveLength(1);
    const [batch] = await db.select().from(auditLog).where(and(eq(auditLog.action, "import.batch"), eq(auditLog.entityId, job.id)));
    expect(batch!.before).toEqual([expect.objectContaining({ id: existing.id, first_name: "Old", job_title: "Old title", lead_stage: "lead" })]);
  });

  it("a new phone or e-mail is the primary only of a contact that has none of its kind yet", async () => {
    const [p1, p2, p3, p4] = [importPhone(), importPhone(), importPhone(), importPhone()];
    const [e1, e2, e3, e4, e5] = [email(), email(), email(), email(), email()];
    const bare = await makeContact({ firstName: "Bare" }, { phones: [p1] });
    const held = await makeContact({ firstName: "Held" }, { phones: [p2], emails: [e3] });
    const { job } = await importCsv(
      admin,
      csv("First Name,Phone,Mobile,Email,Email 2", `Bare,${p1},,${e1},${e2}`, `Held,${p2},${p3},${e4},`, `Fresh,${p4},,${e5},`),
    );
    expect(counts(job)).toMatchObject({ created: 1, merged: 2, failed: 0 });
    const b = (await contactByPhone(p1))!;
    expect([b.id, b.primaryPhone, b.emails, b.primaryEmail]).toEqual([bare.id, p1, [e1, e2], e1]);
    const h = (await contactByPhone(p2))!;
    expect([h.id, h.phones, h.primaryPhone, h.emails, h.primaryEmail]).toEqual([held.id, [p2, p3], p2, [e3, e4], e3]);
    const f = (await contactByPhone(p4))!;
    expect([f.primaryPhone, f.primaryEmail]).toEqual([p4, e5]);
  });

  it("a tag named in another case is the existing tag, given once to new and merged contacts alike", async () => {
    const [p1, p2, p3] = [importPhone(), importPhone(), importPhone()];
    const name = unique("Gold Members ");
    const [gold] = await db.insert(tags).values({ name }).returning();
    const existing = await makeContact({ firstName: "Has" }, { phones: [p1] });
    await db.execute(sql`insert into contact_tags (contact_id, tag_id) values (${existing.id}, ${gold!.id})`);
    const { job } = await importCsv(
      admin,
      csv("First Name,Phone,Tags", `Has,${p1},${name.toUpperCase()}`, `New,${p2},"${name.toLowerCase()}; ${name.toUpperCase()}"`, `Other,${p3},${name}`),
    );
    expect(counts(job)).toMatchObject({ created: 2, merged: 1, failed: 0 });
    for (const phone of [p1, p2, p3]) expect((await contactByPhone(phone))!.tags).toEqual([name]);
    const named = await db.select().from(tags).where(sql`lower(${tags.name}) = lower(${name})`);
    expect(named.map((t) => t.id)).toEqual([gold!.id]);
  });

  it("merges by e-mail when no phone matches", async () => {
    const e1 = email();
    const existing = await makeContact({ firstName: "Mail" }, { emails: [e1] });
    const p = importPhone();
    const { job } = await importCsv(admin, csv("Email,Phone,City", `${e1.toUpperCase()},${p},Paris`));
    expect(counts(job)).toMatchObject({ created: 0, merged: 1 });
    expect(await contactByPhone(p)).toMatchObject({ id: existing.id, city: "Paris", emails: [e1] });
  });

  it("a row whose phone matches A and e-mail matches B merges into A, leaves the e-mail on B and warns", async () => {
    const [pa, pb] = [importPhone(), importPhone()];
    const [ea, eb] = [email("a"), email("b")];
    const a = await makeContact({ firstName: "Anna", lastName: unique("A") }, { phones: [pa], emails: [ea] });
    const b = await makeContact({ firstName: "Bert", lastName: unique("B") }, { phones: [pb], emails: [eb] });
    const { job } = await importCsv(admin, csv("Phone,Email,Company", `${pa},${eb},Conflict Co`));
    expect(counts(job)).toEqual({ created: 0, merged: 1, skipped: 0, failed: 0, warnings: 1 });
    expect(await contactByPhone(pa)).toMatchObject({ id: a.id, company: "Conflict Co", emails: [ea] });
    expect(await contactByEmail(eb)).toMatchObject({ id: b.id, phones: [pb], company: null });
    const warnings = (await storedText(job.warningFilePath!)).split("\r\n");
    expect(warnings[0]).toBe('\uFEFF"line","warning","Phone","Email","Company"');
    expect(warnings[1]).toContain(`"2","E-mail ${eb} stays on Bert ${b.lastName} (${b.contactKey}); the row was merged into Anna ${a.lastName} (${a.contactKey}).`);
    expect(job.errorFilePath).toBeNull();
  });

  it("never merges two existing contacts that each hold one of the row's phones", async () => {
    const [pa, pb] = [importPhone(), importPhone()];
    const a = await makeContact({}, { phones: [pa] });
    const b = await makeContact({}, { phones: [pb] });
    const { job } = await importCsv(admin, csv("Phone,Phone 2", `${pa},${pb}`), { mapping: () => ["phone", "phone"] });
    expect(counts(job)).toMatchObject({ merged: 1, warnings: 1 });
    expect((await contactByPhone(pa))!.id).toBe(a.id);
    expect((await contactByPhone(pb))!.id).toBe(b.id);
  });

  it("rows of the same file that share a phone or an e-mail become one contact, the later row's values winning", async () => {
    const [p1, p2, p3] = [importPhone(), importPhone(), importPhone()];
    const [e1, e2] = [email(), email()];
    const { job } = await importCsv(
      admin,
      csv("First Name,Company,Phone,Email,Tags", `Ann,First Co,${p1},,one`, `Annie,,${p2},${e1},two`, `,Third Co,${p2},${e2},`, `Zed,,${p3},${e2.toUpperCase()},three`),
    );
    // Rows 2 and 3 share p2; rows 3 and 4 share e2: rows 2–4 are one person, row 1 another.
    expect(counts(job)).toEqual({ created: 2, merged: 2, skipped: 0, failed: 0, warnings: 0 });
    expect(await contactsWithPhones([p1, p2, p3])).toHaveLength(2);
    const merged = (await contactByPhone(p3))!;
    expect(merged).toMatchObject({ firstName: "Zed", company: "Third Co", phones: [p2, p3], emails: [e1, e2], tags: ["three", "two"] });
    expect(merged.activities).toHaveLength(1);
  });

  it("in-file duplicates collapse across batches too", async () => {
    const p = importPhone();
    const rows = Array.from({ length: 5 }, (_, i) => `Row${i},${p},${email()}`);
    const { job } = await importCsv(admin, csv("First Name,Phone,Email", ...rows), { run: { batchSize: 2 } });
    expect(counts(job)).toEqual({ created: 1, merged: 4, skipped: 0, failed: 0, warnings: 0 });
    expect((await contactByPhone(p))!.emails).toHaveLength(5);
  });

  it("re-importing the same file creates nothing new", async () => {
    const rows = Array.from({ length: 6 }, (_, i) => `P${i},${importPhone()},${email()},T${i % 2}`);
    rows.push(`Dup,${rows[0]!.split(",")[1]},,`);
    const file = csv("First Name,Phone,Email,Tags", ...rows);
    const first = await importCsv(admin, file, { run: { batchSize: 3 } });
    expect(counts(first.job)).toMatchObject({ created: 6, merged: 1 });
    const phones = rows.map((r) => r.split(",")[1]!);
    const before = await contactsWithPhones(phones);
    const second = await importCsv(admin, file, { run: { batchSize: 3 } });
    expect(counts(second.job)).toEqual({ created: 0, merged: 7, skipped: 0, failed: 0, warnings: 0 });
    expect(await contactsWithPhones(phones)).toEqual(before);
    // Nothing changed on a contact of one row, so nothing was written to it, nor kept as overwritten;
    // only the contact of rows 1 and 7 changed name twice (P0, then Dup again).
    expect((await contactByPhone(phones[1]!))!.version).toBe(1);
    const batches = await db.select().from(auditLog).where(and(eq(auditLog.action, "import.batch"), eq(auditLog.entityId, second.job.id)));
    const dup = (await contactByPhone(phones[0]!))!;
    const overwritten = batches.flatMap((b) => (b.before ?? []) as { id: number; first_name: string }[]);
    expect(overwritten.sort((a, b) => a.first_name.localeCompare(b.first_name))).toEqual([
      { id: dup.id, first_name: "Dup" },
      { id: dup.id, first_name: "P0" },
    ]);
  });
});

describe("runImportJob: when a contact already exists", () => {
  it("skip: leaves existing contacts alone but still merges rows of the file that share a phone", async () => {
    const [p1, p2, p3] = [importPhone(), importPhone(), importPhone()];
    const existing = await makeContact({ company: "Untouched" }, { phones: [p1] });
    const { job } = await importCsv(admin, csv("Phone,Mobile,Company", `${p1},${p2},Changed`, `${p3},,New A`, `${p3},,New B`), {
      options: { existing: "skip" },
      run: { batchSize: 2 },
    });
    expect(counts(job)).toEqual({ created: 1, merged: 1, skipped: 1, failed: 0, warnings: 0 });
    expect(await contactByPhone(p1)).toMatchObject({ id: existing.id, company: "Untouched", phones: [p1], version: 1 });
    expect(await contactByPhone(p2)).toBeNull();
    expect(await contactByPhone(p3)).toMatchObject({ company: "New B" });
  });

  it("createOnly: only rows that match nobody, not even an earlier row, create a contact; nothing is updated", async () => {
    const [p1, p2] = [importPhone(), importPhone()];
    await makeContact({ company: "Untouched" }, { phones: [p1] });
    const { job } = await importCsv(admin, csv("Phone,Company", `${p1},Changed`, `${p2},First`, `${p2},Second`, `${p2},Third`), {
      options: { existing: "createOnly" },
      run: { batchSize: 3 },
    });
    expect(counts(job)).toEqual({ created: 1, merged: 0, skipped: 3, failed: 0, warnings: 0 });
    expect(await contactByPhone(p1)).toMatchObject({ company: "Untouched" });
    expect(await contactByPhone(p2)).toMatchObject({ company: "First", version: 1 });
  });
});

describe("runImportJob: identifiers of users", () => {
  it("never gives a contact a user's phone; a row with nothing else fails", async () => {
    const staffPhone = importPhone();
    const staff = await makeUser("agent");
    await db.update(users).set({ phone: staffPhone }).where(eq(users.id, staff.id));
    const p = importPhone();
    const { job } = await importCsv(admin, csv("Phone,Mobile,Email", `${p},${staffPhone},`, `,,${staff.email.toUpperCase()}`));
    expect(counts(job)).toEqual({ created: 1, merged: 0, skipped: 0, failed: 1, warnings: 1 });
    expect((await contactByPhone(p))!.phones).toEqual([p]);
    const errors = (await storedText(job.errorFilePath!));
    expect(errors).toContain(`E-mail ${staff.email.toLowerCase()} belongs to a user of Switchboard, so it was not added. The row has no other phone, e-mail or Contact ID.`);
    expect((await storedText(job.warningFilePath!))).toContain(`Phone ${staffPhone} belongs to a user of Switchboard, so it was not added.`);
  });
});

describe("runImportJob: resuming and cancelling", () => {
  it("a job killed after its first batch resumes after the last committed batch without duplicating anything", async () => {
    const phones = Array.from({ length: 7 }, () => importPhone());
    const rows = phones.map((p, i) => `R${i},${p}`);
    rows.splice(3, 0, "Broken,123"); // line 5, rejected: in batch 2
    const draft = await uploadCsv(admin, csv("First Name,Phone", ...rows), "resume.csv");
    await configureAndQueue(admin, draft.job.id, draft.mapping);
    const crash = new Error("worker killed");
    await expect(
      runImportJob(draft.job.id, {
        batchSize: 3,
        afterBatch: (n) => {
          if (n === 1) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    let job = await loadJob(draft.job.id);
    expect([job.status, job.processedRows, job.createdCount, job.checkpoint?.line]).toEqual(["running", 3, 3, 4]);
    expect(job.lastError).toBe("worker killed");

    expect(await runImportJob(draft.job.id, { batchSize: 3 })).toBe("completed");
    job = await loadJob(draft.job.id);
    expect(counts(job)).toEqual({ created: 7, merged: 0, skipped: 0, failed: 1, warnings: 0 });
    expect(await contactsWithPhones(phones)).toHaveLength(7);
    const imported = await db.select().from(activities).where(sql`${activities.type} = 'imported' and ${activities.payload}->>'jobId' = ${job.id}`);
    expect(imported).toHaveLength(7);
    expect((await storedText(job.errorFilePath!)).split("\r\n").filter((l) => l.startsWith('"5"'))).toHaveLength(1);
    // Once finished, running it again does nothing.
    expect(await runImportJob(draft.job.id)).toBe("completed");
    expect(await contactsWithPhones(phones)).toHaveLength(7);
  });

  it("rows a batch wrote to the error file before dying uncommitted are cut off when the job resumes", async () => {
    const draft = await uploadCsv(admin, csv("Phone", "1", importPhone(), "2", importPhone()));
    await configureAndQueue(admin, draft.job.id, draft.mapping);
    await expect(runImportJob(draft.job.id, { batchSize: 2, afterBatch: () => Promise.reject(new Error("killed")) })).rejects.toThrow("killed");
    // The killed process had appended batch 2's rejected row, but never committed it.
    const errorKey = importFileKey(draft.job.id, "errors");
    await fileStore().append(errorKey, (await fileStore().size(errorKey))!, Buffer.from('"4","uncommitted","2"\r\n'));
    expect(await runImportJob(draft.job.id, { batchSize: 2 })).toBe("completed");
    const job = await loadJob(draft.job.id);
    const lines = (await storedText(job.errorFilePath!)).split("\r\n").filter(Boolean);
    expect(lines.map((l) => l.slice(0, 4))).toEqual(['\uFEFF"li', '"2",', '"4",']);
    expect(lines.join()).not.toContain("uncommitted");
    expect(counts(job)).toEqual({ created: 2, merged: 0, skipped: 0, failed: 2, warnings: 0 });
  });

  it("cancel stops a running job before its next batch; what was committed stays", async () => {
    const phones = Array.from({ length: 4 }, () => importPhone());
    const draft = await uploadCsv(admin, csv("Phone", ...phones));
    await configureAndQueue(admin, draft.job.id, draft.mapping);
    const result = await runImportJob(draft.job.id, {
      batchSize: 2,
      afterBatch: async (n) => {
        if (n === 1) await cancelImportJob(draft.job.id, actorOf(admin));
      },
    });
    expect(result).toBe("cancelled");
    const job = await loadJob(draft.job.id);
    expect([job.status, job.processedRows, job.createdCount]).toEqual(["cancelled", 2, 2]);
    expect(await contactsWithPhones(phones)).toHaveLength(2);
  });

  it("two workers on one job: the second finds it busy", async () => {
    const draft = await uploadCsv(admin, csv("Phone", importPhone(), importPhone()));
    await configureAndQueue(admin, draft.job.id, draft.mapping);
    let second: string | undefined;
    await runImportJob(draft.job.id, {
      batchSize: 1,
      afterBatch: async (n) => {
        if (n === 1) second = await runImportJob(draft.job.id);
      },
    });
    expect(second).toBe("busy");
    expect(counts(await loadJob(draft.job.id))).toMatchObject({ created: 2 });
  });
});
