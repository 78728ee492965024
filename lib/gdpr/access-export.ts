import { and, asc, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { activities, auditLog, contactRedirects, notes, users } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { loadContactSnapshot } from "@/lib/contacts/snapshot";
import { NotFoundError } from "@/lib/errors";

/**
 * GDPR access (SPEC §8, "Download data"): everything Switchboard holds about one contact, as one
 * JSON document — the record's fields, identifiers, tags, custom attributes, links, every note and
 * activity in full, the contacts merged into it, and the audit entries about it and about them.
 * The download itself is audited (who saw the person's data, when), without the data.
 */
export async function contactAccessExport(contactId: number, actor: Actor) {
  return db.transaction(async (tx) => {
    const snapshot = await loadContactSnapshot(tx, contactId);
    if (!snapshot) throw new NotFoundError("This contact no longer exists.");
    const merged = await tx
      .select({ contactId: contactRedirects.oldContactId, contactKey: contactRedirects.oldContactKey, mergedAt: contactRedirects.mergedAt })
      .from(contactRedirects)
      .where(eq(contactRedirects.contactId, contactId))
      .orderBy(asc(contactRedirects.mergedAt));
    const entityIds = [contactId, ...merged.map((m) => m.contactId)].map(String);
    const [noteRows, activityRows, auditRows] = await Promise.all([
      tx
        .select({ id: notes.id, body: notes.body, author: users.name, createdAt: notes.createdAt })
        .from(notes)
        .leftJoin(users, eq(users.id, notes.authorId))
        .where(eq(notes.contactId, contactId))
        .orderBy(asc(notes.createdAt), asc(notes.id)),
      tx
        .select({ id: activities.id, type: activities.type, occurredAt: activities.occurredAt, summary: activities.summary, payload: activities.payload, externalRef: activities.externalRef })
        .from(activities)
        .where(eq(activities.contactId, contactId))
        .orderBy(asc(activities.occurredAt), asc(activities.id)),
      tx
        .select({ id: auditLog.id, createdAt: auditLog.createdAt, actor: auditLog.actorLabel, action: auditLog.action, entityId: auditLog.entityId, before: auditLog.before, after: auditLog.after })
        .from(auditLog)
        .where(and(eq(auditLog.entityType, "contact"), inArray(auditLog.entityId, entityIds)))
        .orderBy(asc(auditLog.createdAt), asc(auditLog.id)),
    ]);
    const { contact, phones, emails, externalIds, links, tags, attributes } = snapshot;
    const document = {
      exportedAt: new Date().toISOString(),
      contact: Object.fromEntries(Object.entries(contact).filter(([key]) => !["searchDoc", "searchKey", "attrWords"].includes(key))),
      phones,
      emails,
      externalIds,
      tags,
      attributes,
      links,
      notes: noteRows,
      activities: activityRows,
      mergedContacts: merged,
      auditEntries: auditRows,
    };
    await recordAudit(tx, actor, {
      action: "contact.access_export",
      entityType: "contact",
      entityId: contactId,
      after: { notes: noteRows.length, activities: activityRows.length, auditEntries: auditRows.length },
    });
    return { contactKey: contact.contactKey, document };
  });
}
