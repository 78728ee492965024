import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db";
import { activities, auditLog, contacts, tags, type Contact, type Tag } from "@/db/schema";
import type { ActivityType } from "@/db/schema/enums";
import { unique } from "./factories";

export async function makeTag(name = unique("Tag ")): Promise<Tag> {
  const [tag] = await db.insert(tags).values({ name }).returning();
  return tag!;
}

/** `n` bare contacts in one INSERT, sharing `values` (e.g. a unique company to filter on). */
export async function makeContacts(n: number, values: Partial<typeof contacts.$inferInsert> = {}): Promise<Contact[]> {
  const stamp = unique("K-");
  const rows = Array.from({ length: n }, (_, i) => ({ contactKey: `${stamp}-${i}`, firstName: "Bulk", lastName: `Person ${i}`, ...values }));
  const created = await db.insert(contacts).values(rows).returning();
  return created.sort((a, b) => a.id - b.id);
}

/** A filter that matches exactly the contacts of one company (the test's own). */
export function companyIs(company: string) {
  return { join: "and" as const, conditions: [{ field: "company", op: "is", value: company }] };
}

export async function activitiesOf(ids: readonly number[], type?: ActivityType) {
  return db
    .select()
    .from(activities)
    .where(and(inArray(activities.contactId, [...ids]), type ? eq(activities.type, type) : sql`true`));
}

export async function auditOf(jobId: string) {
  return db.select().from(auditLog).where(and(eq(auditLog.entityType, "bulk_job"), eq(auditLog.entityId, jobId)));
}
