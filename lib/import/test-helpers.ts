import { eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { activities, contactEmails, contactPhones, contacts, contactTags, importJobs, tags, type ImportJob, type User } from "@/db/schema";
import { actorOf } from "@/lib/testing/factories";
import { fileStore } from "@/lib/storage";
import { createImportJob } from "./job/create-job";
import type { ImportJobOptions } from "./validate/job-options";
import { saveImportSettings } from "./job/review";
import { runImportJob, type RunImportOptions } from "./job/run-job";
import type { ImportTarget } from "./map/targets";

const AREAS = ["303", "503", "720", "971", "404", "305", "713", "602"];
/**
 * A random valid US number outside the demo seed's and the factories' area codes, so import tests
 * (which create many numbers) never collide with a test that seeds or makes contacts beside them.
 */
export function importPhone(): string {
  const area = AREAS[Math.floor(Math.random() * AREAS.length)]!;
  // Never 555: the factories' uniquePhone() draws +1 <area> 555 xxxx from some of these areas.
  const drawn = 200 + Math.floor(Math.random() * 799);
  const exchange = drawn >= 555 ? drawn + 1 : drawn;
  const line = String(Math.floor(Math.random() * 10000)).padStart(4, "0");
  return `+1${area}${exchange}${line}`;
}

/** A body arriving in small pieces, as a network stream does. */
export async function* chunksOf(content: string | Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export async function uploadCsv(user: User, content: string | Uint8Array, fileName = "contacts.csv") {
  return createImportJob({ body: chunksOf(content, 1024), fileName }, { ...actorOf(user), id: user.id });
}

export interface ImportRun {
  job: ImportJob;
  jobId: string;
}

/** Upload → (auto or given) mapping and options → queued → run, as the wizard and the worker do. */
export async function importCsv(
  user: User,
  content: string | Uint8Array,
  settings: { mapping?: (auto: ImportTarget[]) => ImportTarget[]; options?: Partial<ImportJobOptions>; fileName?: string; run?: RunImportOptions } = {},
): Promise<ImportRun> {
  const draft = await uploadCsv(user, content, settings.fileName);
  await configureAndQueue(user, draft.job.id, settings.mapping ? settings.mapping(draft.mapping) : draft.mapping, settings.options);
  await runImportJob(draft.job.id, settings.run);
  return { job: await loadJob(draft.job.id), jobId: draft.job.id };
}

export async function configureAndQueue(user: User, jobId: string, mapping: ImportTarget[], options: Partial<ImportJobOptions> = {}) {
  await saveImportSettings({ jobId, mapping, options: { defaultCountry: "US", tags: [], existing: "merge", ...options } }, actorOf(user));
  await db.update(importJobs).set({ status: "queued" }).where(eq(importJobs.id, jobId));
}

export async function loadJob(id: string): Promise<ImportJob> {
  const [job] = await db.select().from(importJobs).where(eq(importJobs.id, id));
  return job!;
}

export function counts(job: ImportJob) {
  return { created: job.createdCount, merged: job.mergedCount, skipped: job.skippedCount, failed: job.failedCount, warnings: job.warningCount };
}

/** The contact holding a phone, with its identifiers and tags. */
export async function contactByPhone(e164: string) {
  const [row] = await db.select({ id: contactPhones.contactId }).from(contactPhones).where(eq(contactPhones.e164, e164));
  return row ? contactWithIdentifiers(row.id) : null;
}

export async function contactByEmail(email: string) {
  const [row] = await db.select({ id: contactEmails.contactId }).from(contactEmails).where(eq(contactEmails.emailNormalized, email));
  return row ? contactWithIdentifiers(row.id) : null;
}

export async function contactWithIdentifiers(id: number) {
  const [contact] = await db.select().from(contacts).where(eq(contacts.id, id));
  const phones = await db.select().from(contactPhones).where(eq(contactPhones.contactId, id)).orderBy(contactPhones.id);
  const emails = await db.select().from(contactEmails).where(eq(contactEmails.contactId, id)).orderBy(contactEmails.id);
  const tagRows = await db.select({ name: tags.name }).from(contactTags).innerJoin(tags, eq(tags.id, contactTags.tagId)).where(eq(contactTags.contactId, id));
  const events = await db.select().from(activities).where(eq(activities.contactId, id));
  return {
    ...contact!,
    phones: phones.map((p) => p.e164),
    primaryPhone: phones.find((p) => p.isPrimary)?.e164 ?? null,
    emails: emails.map((e) => e.emailNormalized),
    primaryEmail: emails.find((e) => e.isPrimary)?.emailNormalized ?? null,
    tags: tagRows.map((t) => t.name).sort(),
    activities: events,
  };
}

export async function contactsWithPhones(phones: string[]): Promise<number[]> {
  const rows = await db.selectDistinct({ id: contactPhones.contactId }).from(contactPhones).where(inArray(contactPhones.e164, phones));
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** A stored file's bytes (tests read result files whole; the app streams them). */
export async function storedBytes(key: string): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of fileStore().read(key)) parts.push(chunk);
  return Buffer.concat(parts);
}

export async function storedText(key: string): Promise<string> {
  return (await storedBytes(key)).toString("utf8");
}

export async function isStored(key: string): Promise<boolean> {
  return (await fileStore().size(key)) !== null;
}
