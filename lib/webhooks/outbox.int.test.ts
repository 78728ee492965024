import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, mergeJournals, webhookDeliveries, webhookEndpoints, webhookEvents, type WebhookEventType } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { createContact } from "@/lib/contacts/create";
import { mergeContacts } from "@/lib/contacts/merge";
import { undoMerge } from "@/lib/contacts/merge-undo";
import { deleteContact, setBlocked } from "@/lib/contacts/state";
import { restoreContact } from "@/lib/contacts/trash";
import { startBulkAction } from "@/lib/bulk/start";
import { importCsv, importPhone } from "@/lib/import/test-helpers";
import { makeContacts, makeTag } from "@/lib/testing/bulk-fixtures";
import { actorOf, makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";
import type { InboundAnswer } from "@/lib/inbound/body";
import { receiveInbound } from "@/lib/inbound/receive";
import { createWebhookEndpoint, setWebhookEnabled } from "./endpoints";

// Other test files write contacts at the same time: every check here looks at this file's own
// contacts (by Contact ID) and endpoints only.

const made: number[] = [];
afterAll(async () => {
  if (made.length) await db.delete(webhookEndpoints).where(inArray(webhookEndpoints.id, made));
});

async function endpoint(events: WebhookEventType[], enabled = true) {
  const admin = await makeUser("admin");
  const { endpoint } = await createWebhookEndpoint({ url: `http://127.0.0.1:9/${unique("hook")}`, events }, admin.id, actorOf(admin));
  made.push(endpoint.id);
  if (!enabled) await setWebhookEnabled({ id: endpoint.id, enabled: false }, actorOf(admin));
  return endpoint;
}

/** The events about one contact, with those of `endpoints` each was delivered to. */
async function eventsOf(contactKey: string, endpoints: number[] = made) {
  const events = await db.select().from(webhookEvents).where(sql`${webhookEvents.data} ->> 'contact_id' = ${contactKey}`);
  return Promise.all(
    events.map(async (e) => ({
      type: e.type,
      data: e.data,
      endpoints: (await db.select({ id: webhookDeliveries.endpointId }).from(webhookDeliveries).where(eq(webhookDeliveries.eventId, e.id))).map((d) => d.id).filter((id) => endpoints.includes(id)).sort((a, b) => a - b),
    })),
  );
}

describe("the webhook outbox", () => {
  it("gives a committed change exactly one delivery per subscribed, enabled endpoint, and none to the others", async () => {
    const user = await makeUser("agent");
    const a = await endpoint(["contact.created", "contact.blocked"]);
    const b = await endpoint(["contact.blocked"]);
    const off = await endpoint(["contact.blocked"], false);
    const other = await endpoint(["contact.deleted"]);
    const c = await makeContact();
    await setBlocked({ contactId: c.id, version: c.version, blocked: true }, actorOf(user));

    const events = await eventsOf(c.contactKey);
    expect(events).toEqual([{ type: "contact.blocked", data: { contact_id: c.contactKey }, endpoints: [a.id, b.id].sort((x, y) => x - y) }]);
    expect(events[0]!.endpoints).not.toContain(off.id);
    expect(events[0]!.endpoints).not.toContain(other.id);
  });

  it("writes nothing for a change that rolls back after its audit entry", async () => {
    const user = await makeUser("agent");
    const hook = await endpoint(["contact.created"]);
    const key = unique("C-");
    const failed = db.transaction(async (tx) => {
      await recordAudit(tx, actorOf(user), { action: "contact.create", entityType: "contact", entityId: 1, after: { contact: { id: 1, contactKey: key } } });
      expect((await tx.select().from(webhookEvents).where(sql`${webhookEvents.data} ->> 'contact_id' = ${key}`)).length).toBe(1);
      throw new Error("the change fails after the audit entry");
    });
    await expect(failed).rejects.toThrow("the change fails");
    expect(await eventsOf(key)).toEqual([]);
    expect(await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, hook.id))).toEqual([]);
  });

  it("writes no event for an action that is not one, nor when nobody listens", async () => {
    const user = await makeUser("agent");
    const c = await makeContact();
    // Nobody of this file subscribes to contact.unblocked: blocking twice leaves no unblocked event.
    await setBlocked({ contactId: c.id, version: c.version, blocked: true }, actorOf(user));
    await setBlocked({ contactId: c.id, version: c.version + 1, blocked: false }, actorOf(user));
    expect((await eventsOf(c.contactKey)).map((e) => e.type)).not.toContain("contact.unblocked");
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "contact"), eq(auditLog.entityId, String(c.id))));
    expect(entries.map((e) => e.action).sort()).toEqual(["contact.block", "contact.unblock"]);
  });

  it("reports created, updated, merged and deleted contacts with their Contact IDs", async () => {
    const user = await makeUser("supervisor");
    const hook = await endpoint(["contact.created", "contact.updated", "contact.merged", "contact.deleted"]);
    const created = await createContact({ firstName: "Hook", lastName: unique("Created"), email: `${unique("hook")}@example.test` }, actorOf(user));
    expect(await eventsOf(created.contactKey, [hook.id])).toEqual([{ type: "contact.created", data: { contact_id: created.contactKey }, endpoints: [hook.id] }]);

    const [p, s] = [await makeContact(), await makeContact()];
    await mergeContacts({ primaryId: p.id, contactIds: [p.id, s.id] }, actorOf(user));
    expect(await eventsOf(p.contactKey, [hook.id])).toEqual([{ type: "contact.merged", data: { contact_id: p.contactKey, merged_contact_ids: [s.contactKey] }, endpoints: [hook.id] }]);

    const gone = await makeContact();
    await deleteContact({ contactId: gone.id }, actorOf(user));
    expect(await eventsOf(gone.contactKey, [hook.id])).toEqual([{ type: "contact.deleted", data: { contact_id: gone.contactKey }, endpoints: [hook.id] }]);
  });

  it("reports the contact an inbound message creates, and the one it re-activates", async () => {
    const hook = await endpoint(["contact.created", "contact.updated"]);
    const actor = actorOf(await makeUser("admin"));
    const message = (from: string) => ({ channel: "sms" as const, from, message_id: unique("hook-msg-"), text: "hello" });
    const lead = await receiveInbound(message(uniquePhone()), actor);
    const key = (lead.body as InboundAnswer).contact_id;
    expect((await eventsOf(key, [hook.id])).map((e) => e.type)).toEqual(["contact.created", "contact.updated"]);

    const phone = uniquePhone();
    const archived = await makeContact({ archived: true, archivedAt: new Date() }, { phones: [phone] });
    await receiveInbound(message(phone), actor);
    expect(await eventsOf(archived.contactKey, [hook.id])).toEqual([{ type: "contact.updated", data: { contact_id: archived.contactKey }, endpoints: [hook.id] }]);
  });

  it("gives an import one event per created and updated contact, set-wise, and import.completed at the end", async () => {
    const user = await makeUser("supervisor");
    const hook = await endpoint(["contact.created", "contact.updated", "import.completed"]);
    const existingPhone = importPhone();
    const existing = await makeContact({}, { phones: [existingPhone] });
    const run = await importCsv(user, `First Name,Phone\nNew,${importPhone()}\nOld,${existingPhone}\n`, { fileName: "hooks.csv" });

    expect((await eventsOf(existing.contactKey, [hook.id])).map((e) => [e.type, e.endpoints])).toEqual([["contact.updated", [hook.id]]]);
    const createdEvents = await db
      .select({ data: webhookEvents.data })
      .from(webhookEvents)
      .innerJoin(webhookDeliveries, eq(webhookDeliveries.eventId, webhookEvents.id))
      .where(and(eq(webhookDeliveries.endpointId, hook.id), eq(webhookEvents.type, "contact.created")));
    expect(createdEvents).toHaveLength(1);
    const completed = await db
      .select({ data: webhookEvents.data })
      .from(webhookEvents)
      .innerJoin(webhookDeliveries, eq(webhookDeliveries.eventId, webhookEvents.id))
      .where(and(eq(webhookDeliveries.endpointId, hook.id), eq(webhookEvents.type, "import.completed"), sql`${webhookEvents.data} ->> 'import_id' = ${run.jobId}`));
    expect(completed.map((e) => e.data)).toEqual([{ import_id: run.jobId, file_name: "hooks.csv", created: 1, merged: 1, skipped: 0, failed: 0 }]);
  });

  it("gives bulk actions one event per contact they changed, set-wise", async () => {
    const user = await makeUser("supervisor");
    const hook = await endpoint(["contact.blocked", "contact.updated", "contact.deleted"]);
    const people = await makeContacts(3);
    const ids = people.map((p) => p.id);
    const typesOf = async () => Promise.all(people.map(async (p) => (await eventsOf(p.contactKey, [hook.id])).filter((e) => e.endpoints.length).map((e) => e.type)));

    await startBulkAction({ selection: { ids }, change: { action: "block" } }, user);
    // Blocking again changes nothing, and sends nothing.
    await startBulkAction({ selection: { ids }, change: { action: "block" } }, user);
    expect(await typesOf()).toEqual([["contact.blocked"], ["contact.blocked"], ["contact.blocked"]]);

    const tag = await makeTag();
    await startBulkAction({ selection: { ids: ids.slice(0, 2) }, change: { action: "add_tags", tagIds: [tag.id] } }, user);
    await startBulkAction({ selection: { ids: ids.slice(2) }, change: { action: "delete", confirmCount: 1 } }, user);
    expect((await typesOf()).map((t) => t.sort())).toEqual([
      ["contact.blocked", "contact.updated"],
      ["contact.blocked", "contact.updated"],
      ["contact.blocked", "contact.deleted"],
    ]);
  });

  it("gives a merge undo a contact.created per contact back (with the contact it left) and a contact.updated for the primary; a Restore from Trash a contact.updated", async () => {
    const user = await makeUser("admin");
    const hook = await endpoint(["contact.created", "contact.updated", "contact.merged"]);
    const [p, s1, s2] = [await makeContact(), await makeContact({}, { phones: [uniquePhone()] }), await makeContact()];
    await mergeContacts({ primaryId: p.id, contactIds: [p.id, s1.id, s2.id] }, actorOf(user));
    const [journal] = await db.select({ id: mergeJournals.id }).from(mergeJournals).where(eq(mergeJournals.primaryId, p.id));
    await undoMerge(journal!.id, actorOf(user));

    expect((await eventsOf(p.contactKey, [hook.id])).map((e) => [e.type, e.data, e.endpoints])).toEqual([
      ["contact.merged", { contact_id: p.contactKey, merged_contact_ids: [s1.contactKey, s2.contactKey] }, [hook.id]],
      ["contact.updated", { contact_id: p.contactKey }, [hook.id]],
    ]);
    for (const s of [s1, s2]) {
      expect(await eventsOf(s.contactKey, [hook.id])).toEqual([{ type: "contact.created", data: { contact_id: s.contactKey, unmerged_from: p.contactKey }, endpoints: [hook.id] }]);
    }

    const gone = await makeContact();
    await deleteContact({ contactId: gone.id }, actorOf(user));
    await restoreContact({ contactId: gone.id }, actorOf(user));
    // (The delete's contact.deleted goes to this file's other endpoints only.)
    expect((await eventsOf(gone.contactKey, [hook.id])).filter((e) => e.endpoints.length)).toEqual([{ type: "contact.updated", data: { contact_id: gone.contactKey }, endpoints: [hook.id] }]);
  });
});
