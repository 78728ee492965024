import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as apiMerge } from "@/app/api/v1/contacts/merge/route";
import { db } from "@/db";
import {
  activities,
  attributeDefinitions,
  auditLog,
  contactAttributeValues,
  contactEmails,
  contactPhones,
  contactRedirects,
  contacts,
  duplicateDismissals,
  mergeJournals,
  notes,
  type User,
} from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { eraseContact } from "@/lib/gdpr/erase";
import { makeToken } from "@/lib/testing/api-tokens";
import { actorOf, makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";
import { makeRichContact } from "@/lib/testing/merge-fixtures";
import { mergeContacts, resolveContactId, resolveContactKey } from "./merge";
import { expireMergeJournals, undoableMerges, undoMerge } from "./merge-undo";

let supervisor: User;
let actor: Actor;
beforeAll(async () => {
  supervisor = await makeUser("supervisor");
  actor = actorOf(supervisor);
});

async function journalOf(primaryId: number) {
  const [j] = await db.select().from(mergeJournals).where(eq(mergeJournals.primaryId, primaryId)).orderBy(asc(mergeJournals.id));
  return j!;
}

async function mergedPair(values: { a?: Partial<typeof contacts.$inferInsert>; b?: Partial<typeof contacts.$inferInsert> } = {}) {
  const a = await makeContact({ firstName: "Ada", ...values.a }, { phones: [uniquePhone()], emails: [`${unique("a")}@undo.test`] });
  const b = await makeContact({ firstName: "Bea", ...values.b }, { phones: [uniquePhone(), uniquePhone()], emails: [`${unique("b")}@undo.test`] });
  await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id] }, actor);
  return { a, b, journal: await journalOf(a.id) };
}

describe("the journal", () => {
  it("is written by the merge itself, whichever door: the REST API's merge leaves one too", async () => {
    const admin = await makeUser("admin");
    const headers = { authorization: `Bearer ${(await makeToken(admin, "write", unique("Undo "))).secret}`, "content-type": "application/json" };
    const a = await makeContact({}, { phones: [uniquePhone()] });
    const b = await makeContact({}, { phones: [uniquePhone()] });
    const response = await apiMerge(
      new Request("http://localhost/api/v1/contacts/merge", { method: "POST", headers, body: JSON.stringify({ primary: a.contactKey, others: [b.contactKey] }) }),
    );
    expect(response.status).toBe(200);
    const journal = await journalOf(a.id);
    expect(journal).toMatchObject({ primaryId: a.id, contactIds: [a.id, b.id], undoneAt: null });
    const [activity] = await db.select().from(activities).where(eq(activities.id, journal.activityId));
    expect(activity).toMatchObject({ contactId: a.id, type: "merged" });
    expect((await undoableMerges(a.id)).get(journal.activityId)).toBe(journal.id);
  });

  it("is not written when the merge fails: nothing of a refused merge remains", async () => {
    const a = await makeContact();
    await expect(mergeContacts({ primaryId: a.id, contactIds: [a.id, 999_999_999] }, actor)).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.select().from(mergeJournals).where(eq(mergeJournals.primaryId, a.id))).toEqual([]);
  });
});

describe("undoMerge", () => {
  it("brings the secondaries back with their ids and Contact IDs; their old ids stop redirecting; audited and on the timeline", async () => {
    const { a, b, journal } = await mergedPair();
    expect((await resolveContactId(b.id))?.contactId).toBe(a.id);

    const result = await undoMerge(journal.id, actor);
    expect(result).toMatchObject({ contactId: a.id, restored: [{ id: b.id, contactKey: b.contactKey }], notRestored: [] });
    expect(await resolveContactId(b.id)).toEqual({ contactId: b.id, mergedFrom: null });
    expect(await resolveContactKey(b.contactKey)).toEqual({ id: b.id, contactKey: b.contactKey, merged: false });
    expect(await db.select().from(contactRedirects).where(eq(contactRedirects.oldContactId, b.id))).toEqual([]);
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(contactPhones).where(eq(contactPhones.contactId, b.id))).toEqual([{ n: 2 }]);

    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "contact.merge_undo"), eq(auditLog.entityId, String(a.id))));
    expect(entry).toMatchObject({ actorId: supervisor.id, after: { journalId: journal.id, restoredContactIds: [b.id], restoredContactKeys: [b.contactKey], notRestored: [] } });
    const [event] = await db.select().from(activities).where(eq(activities.id, result.activityId));
    expect(event).toMatchObject({ contactId: a.id, type: "merge_undone", actorId: supervisor.id });
    expect(event!.summary).toContain(b.contactKey);
    // Done: no second undo, and its copies of the people's values are gone.
    expect(await journalOf(a.id)).toMatchObject({ undoneById: supervisor.id, journal: {} });
    expect(await undoableMerges(a.id)).toEqual(new Map());
    await expect(undoMerge(journal.id, actor)).rejects.toThrow("This merge was already undone.");
  });

  it("lists an identifier that another contact has taken since, and one removed since, and restores the rest", async () => {
    const { a, b, journal } = await mergedPair();
    // b's two phones follow a's own one on the primary.
    const phones = await db.select().from(contactPhones).where(eq(contactPhones.contactId, a.id)).orderBy(asc(contactPhones.id));
    expect(phones).toHaveLength(3);
    const [, movedTaken, movedRemoved] = phones;
    await db.delete(contactPhones).where(inArray(contactPhones.id, [movedTaken!.id, movedRemoved!.id]));
    const holder = await makeContact({}, { phones: [movedTaken!.e164] });

    const result = await undoMerge(journal.id, actor);
    expect(result.restored).toEqual([{ id: b.id, contactKey: b.contactKey }]);
    expect(result.notRestored.sort()).toEqual(
      [
        `Phone ${movedTaken!.e164} of ${b.contactKey} stays with ${holder.contactKey}, which holds it now.`,
        `Phone ${movedRemoved!.e164} of ${b.contactKey} was removed since the merge.`,
      ].sort(),
    );
    // The rest came back: b's e-mail, and b as a contact.
    expect(await db.select({ id: contactEmails.id }).from(contactEmails).where(eq(contactEmails.contactId, b.id))).toHaveLength(1);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "contact.merge_undo"), eq(auditLog.entityId, String(a.id))));
    expect((entry!.after as { notRestored: string[] }).notRestored).toHaveLength(2);
  });

  it("gives the primary back the values the merge changed, except those changed since; rows added since stay, rows deleted since stay deleted", async () => {
    const [plan] = await db.insert(attributeDefinitions).values({ key: unique("p_"), label: "Plan", type: "text" }).returning();
    const a = await makeRichContact({ firstName: "Ada", jobTitle: null, city: null, website: null }, { phones: 1 });
    const b = await makeRichContact(
      { firstName: "Bea", jobTitle: "CTO", city: "Lyon", website: "https://b.test", createdAt: new Date("2020-01-01T00:00:00Z") },
      { phones: 1, notes: [new Date("2024-01-01"), new Date("2024-02-01")], attributes: [{ attributeId: plan!.id, textValue: "Gold" }] },
    );
    await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id] }, actor);
    const journal = await journalOf(a.id);
    expect((await db.select().from(contacts).where(eq(contacts.id, a.id)))[0]).toMatchObject({ jobTitle: "CTO", city: "Lyon" });
    // Since the merge: the job title and the attribute edited, a note of b deleted, a note added.
    await db.update(contacts).set({ jobTitle: "CEO" }).where(eq(contacts.id, a.id));
    await db.update(contactAttributeValues).set({ textValue: "Platinum" }).where(and(eq(contactAttributeValues.contactId, a.id), eq(contactAttributeValues.attributeId, plan!.id)));
    const bNotes = await db.select().from(notes).where(eq(notes.contactId, a.id)).orderBy(asc(notes.id));
    await db.delete(notes).where(eq(notes.id, bNotes[0]!.id));
    const [added] = await db.insert(notes).values({ contactId: a.id, body: "After the merge" }).returning();
    const versionBefore = (await db.select().from(contacts).where(eq(contacts.id, a.id)))[0]!.version;

    await undoMerge(journal.id, actor);
    const [primary] = await db.select().from(contacts).where(eq(contacts.id, a.id));
    expect(primary).toMatchObject({ jobTitle: "CEO", city: null, website: null, createdAt: a.createdAt, version: versionBefore + 1 });
    const [restored] = await db.select().from(contacts).where(eq(contacts.id, b.id));
    expect(restored).toMatchObject({ contactKey: b.contactKey, jobTitle: "CTO", city: "Lyon", website: "https://b.test", createdAt: b.createdAt, version: b.version });
    const values = await db.select().from(contactAttributeValues).where(eq(contactAttributeValues.attributeId, plan!.id)).orderBy(asc(contactAttributeValues.contactId));
    expect(values.map((v) => [v.contactId, v.textValue])).toEqual([
      [a.id, "Platinum"],
      [b.id, "Gold"],
    ]);
    expect((await db.select({ id: notes.id }).from(notes).where(eq(notes.contactId, b.id))).map((n) => n.id)).toEqual([bNotes[1]!.id]);
    expect((await db.select({ id: notes.id }).from(notes).where(eq(notes.contactId, a.id))).map((n) => n.id)).toEqual([added!.id]);
  });

  it("brings back the Not duplicates decisions of a secondary whose other contact still exists; a decision with a contact deleted since stays gone", async () => {
    const [a, b, c, d] = [await makeContact(), await makeContact({}, { phones: [uniquePhone()] }), await makeContact(), await makeContact()];
    const pair = (x: number, y: number) => ({ lowId: Math.min(x, y), highId: Math.max(x, y), decidedById: supervisor.id });
    await db.insert(duplicateDismissals).values([pair(b.id, c.id), pair(b.id, d.id), pair(b.id, a.id)]);
    await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id] }, actor);
    const ofB = async () =>
      (await db.select().from(duplicateDismissals).where(or(eq(duplicateDismissals.lowId, b.id), eq(duplicateDismissals.highId, b.id))))
        .map((r) => [r.lowId, r.highId, r.decidedById])
        .sort();
    // The merge's delete of b cascades its decisions away; d goes for good meanwhile.
    expect(await ofB()).toEqual([]);
    await db.delete(contacts).where(eq(contacts.id, d.id));

    await undoMerge((await journalOf(a.id)).id, actor);
    expect(await ofB()).toEqual([pair(b.id, c.id), pair(b.id, a.id)].map((p) => [p.lowId, p.highId, supervisor.id]).sort());
  });

  it("is refused after 30 days, changing nothing", async () => {
    const { a, b, journal } = await mergedPair();
    await db.update(mergeJournals).set({ mergedAt: sql`now() - interval '31 days'` }).where(eq(mergeJournals.id, journal.id));
    expect(await undoableMerges(a.id)).toEqual(new Map());
    const error = await undoMerge(journal.id, actor).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(/^A merge can be undone for 30 days only; this one was on \d{4}-\d{2}-\d{2}\. Nothing was changed\.$/);
    expect(await db.select().from(contacts).where(eq(contacts.id, b.id))).toEqual([]);
    expect((await resolveContactId(b.id))?.contactId).toBe(a.id);
    expect((await journalOf(a.id)).undoneAt).toBeNull();
  });

  it("keeps no copies past 30 days: the daily purge empties the journal, and a late undo is still refused with its date", async () => {
    const old = await mergedPair();
    const recent = await mergedPair();
    await db.update(mergeJournals).set({ mergedAt: sql`now() - interval '31 days'` }).where(eq(mergeJournals.id, old.journal.id));
    expect(await expireMergeJournals()).toBeGreaterThanOrEqual(1);
    expect((await journalOf(old.a.id)).journal).toEqual({});
    expect((await journalOf(recent.a.id)).journal).toEqual(recent.journal.journal);
    expect(recent.journal.journal).not.toEqual({});
    await expect(undoMerge(old.journal.id, actor)).rejects.toThrow(/^A merge can be undone for 30 days only/);
    // A second run finds nothing left to empty among these.
    await expireMergeJournals();
    expect((await journalOf(recent.a.id)).journal).toEqual(recent.journal.journal);
  });

  it("is refused while the primary is merged into another contact, and works once that merge is undone", async () => {
    const { a, b, journal } = await mergedPair();
    const c = await makeContact({ firstName: "Cy" }, { phones: [uniquePhone()] });
    await mergeContacts({ primaryId: c.id, contactIds: [c.id, a.id] }, actor);
    await expect(undoMerge(journal.id, actor)).rejects.toThrow(`Nothing was undone: ${a.contactKey} has since been merged into Cy`);
    expect(await db.select().from(contacts).where(eq(contacts.id, b.id))).toEqual([]);

    await undoMerge((await journalOf(c.id)).id, actor);
    await undoMerge(journal.id, actor);
    expect((await db.select({ id: contacts.id }).from(contacts).where(inArray(contacts.id, [a.id, b.id, c.id]))).length).toBe(3);
  });

  it("lets only one of two simultaneous undos through", async () => {
    const { journal } = await mergedPair();
    const outcomes = await Promise.allSettled([undoMerge(journal.id, actor), undoMerge(journal.id, actor)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as Error).message).toBe("This merge was already undone.");
  });
});

describe("GDPR erasure and the journal", () => {
  it("erasing the primary takes the journal with it: the merge can no longer be undone", async () => {
    const admin = actorOf(await makeUser("admin"));
    const { a, journal } = await mergedPair();
    await eraseContact({ contactId: a.id, reference: "GDPR-1", confirmContactKey: a.contactKey }, admin);
    expect(await db.select().from(mergeJournals).where(eq(mergeJournals.id, journal.id))).toEqual([]);
    await expect(undoMerge(journal.id, actor)).rejects.toThrow("This merge cannot be undone: there is no record of it");
  });

  it("erasing a contact restored by an undo drops the journal and scrubs the primary's entries about that merge and its undo", async () => {
    const admin = actorOf(await makeUser("admin"));
    const { a, b, journal } = await mergedPair();
    const [phone] = await db.select({ e164: contactPhones.e164 }).from(contactPhones).where(eq(contactPhones.contactId, a.id)).orderBy(asc(contactPhones.id)).offset(1).limit(1);
    const { activityId } = await undoMerge(journal.id, actor);
    await eraseContact({ contactId: b.id, reference: "GDPR-2", confirmContactKey: b.contactKey }, admin);
    expect(await db.select().from(mergeJournals).where(eq(mergeJournals.id, journal.id))).toEqual([]);
    // The primary's merge entry held b's snapshot: no redirect leads from b to it any more, yet it is scrubbed.
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.entityId, String(a.id)), inArray(auditLog.action, ["contact.merge", "contact.merge_undo"])));
    expect(entries.map((e) => [e.action, e.before, e.after]).sort()).toEqual([
      ["contact.merge", null, null],
      ["contact.merge_undo", null, null],
    ]);
    const [undone] = await db.select().from(activities).where(eq(activities.id, activityId));
    expect(undone).toMatchObject({ summary: "Restored merged contacts", payload: {} });
    const [merged] = await db.select().from(activities).where(eq(activities.id, journal.activityId));
    expect(merged).toMatchObject({ summary: "Merged 2 contacts", payload: {} });
    const leaks = await db.execute<{ n: number }>(sql`
      select (select count(*) from audit_log where before::text like ${`%${phone!.e164}%`} or after::text like ${`%${phone!.e164}%`})
           + (select count(*) from activities where payload::text like ${`%${b.contactKey}%`} or summary like ${`%${b.contactKey}%`}) as n`);
    expect(Number(leaks[0]!.n)).toBe(0);
  });
});
