import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as inbound } from "@/app/api/v1/inbound/route";
import { db } from "@/db";
import { activities, auditLog, contacts, notes, type User } from "@/db/schema";
import { startBulkAction } from "@/lib/bulk/start";
import { countSelection } from "@/lib/bulk/selection";
import { exportStream, parseExportRequest, prepareExport } from "@/lib/export/export";
import { importCsv, importPhone, counts } from "@/lib/import/test-helpers";
import { actAs } from "@/lib/testing/act-as";
import { makeToken } from "@/lib/testing/api-tokens";
import { activitiesOf, companyIs, makeContacts } from "@/lib/testing/bulk-fixtures";
import { makeContact, makeUser, unique } from "@/lib/testing/factories";
import { contactActions } from "./actions";


let admin: User;
let supervisor: User;
let agent: User;
let write: Record<string, string>;
beforeAll(async () => {
  [admin, supervisor, agent] = await Promise.all([makeUser("admin"), makeUser("supervisor"), makeUser("agent")]);
  write = { authorization: `Bearer ${(await makeToken(admin, "write")).secret}`, "content-type": "application/json" };
});

const row = async (id: number) => (await db.select().from(contacts).where(eq(contacts.id, id)))[0];
const trash = (id: number) => actAs(supervisor, contactActions.delete, { contactId: id });

describe("a trashed contact's identifiers stay reserved", () => {
  it("creating a contact with its phone or e-mail is refused with a conflict that names it as in Trash (the UI offers Restore); nothing is created", async () => {
    const phone = importPhone();
    const email = `${unique("kept")}@trash.test`;
    const held = await makeContact({ firstName: "Tess", lastName: unique("Trash") }, { phones: [phone], emails: [email] });
    await trash(held.id);
    const last = unique("Second");
    for (const input of [{ phone }, { email: email.toUpperCase() }]) {
      const out = await actAs(agent, contactActions.create, { lastName: last, ...input });
      expect(out).toMatchObject({ ok: false, details: { reason: "identifier", contactId: held.id, trashed: true } });
      expect(!out.ok && out.message).toContain("in Trash");
    }
    expect(await db.select().from(contacts).where(eq(contacts.lastName, last))).toEqual([]);
  });

  it("a message from its phone restores it and lands on its timeline (200, reactivated), no new Lead", async () => {
    const phone = importPhone();
    const c = await makeContact({}, { phones: [phone] });
    await trash(c.id);
    const response = await inbound(
      new Request("http://localhost/api/v1/inbound", { method: "POST", headers: write, body: JSON.stringify({ channel: "sms", from: phone, message_id: unique("m-"), text: "Back again" }) }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ contact_id: c.contactKey, created: false, reactivated: true });
    expect(await row(c.id)).toMatchObject({ trashedAt: null, trashedById: null });
    const timeline = await db.select({ type: activities.type, summary: activities.summary }).from(activities).where(eq(activities.contactId, c.id));
    expect(timeline).toEqual(expect.arrayContaining([{ type: "restored", summary: "Restored from Trash by an inbound message" }, { type: "message", summary: "Back again" }]));
  });

  it("an import row matching it restores and updates it (counted as merged), keeping its notes", async () => {
    const phone = importPhone();
    const c = await makeContact({ company: "Old Co" }, { phones: [phone] });
    await actAs(agent, contactActions.addNote, { contactId: c.id, body: "Kept through Trash" });
    await trash(c.id);
    const { job } = await importCsv(admin, `Phone,Company\r\n${phone},New Co\r\n`, { fileName: "again.csv" });
    expect(counts(job)).toMatchObject({ created: 0, merged: 1, failed: 0 });
    expect(await row(c.id)).toMatchObject({ trashedAt: null, company: "New Co" });
    expect(await db.select({ body: notes.body }).from(notes).where(eq(notes.contactId, c.id))).toEqual([{ body: "Kept through Trash" }]);
    expect((await activitiesOf([c.id], "restored"))[0]).toMatchObject({ summary: "Restored from Trash by the import of again.csv", actorId: admin.id });
  });
});

describe("bulk delete, restore and delete forever", () => {
  it("bulk delete trashes the selection; Restore and Delete forever act on Trash only, for admins", async () => {
    const company = unique("Bulk Trash Co");
    const people = await makeContacts(4, { company });
    const ids = people.map((p) => p.id);
    const del = await startBulkAction({ selection: { all: { filter: companyIs(company) } }, change: { action: "delete", confirmCount: 4 } }, supervisor);
    expect(del).toMatchObject({ status: "completed", total: 4 });
    const rows = await db.select().from(contacts).where(inArray(contacts.id, ids));
    expect(rows.every((r) => r.trashedAt && r.trashedById === supervisor.id)).toBe(true);
    expect(await activitiesOf(ids, "trashed")).toHaveLength(4);
    // Gone from the live selection (and so from a second delete and the export), there in Trash.
    expect(await countSelection({ all: { filter: companyIs(company) } }, admin)).toBe(0);
    expect(await countSelection({ ids }, admin)).toBe(0);
    expect(await countSelection({ all: { segment: "trash", filter: companyIs(company) } }, admin, "trash")).toBe(4);

    await expect(startBulkAction({ selection: { ids }, change: { action: "restore" } }, supervisor)).rejects.toThrow(/Only admins/);
    const restore = await startBulkAction({ selection: { ids: ids.slice(0, 2) }, change: { action: "restore" } }, admin);
    expect(restore).toMatchObject({ status: "completed", total: 2 });
    expect(await activitiesOf(ids.slice(0, 2), "restored")).toHaveLength(2);
    // A purge confirms the count like a delete, and never reaches the restored (live) ones.
    await expect(startBulkAction({ selection: { ids }, change: { action: "purge", confirmCount: 4 } }, admin)).rejects.toThrow(/now holds 2 contacts/);
    const purge = await startBulkAction({ selection: { ids }, change: { action: "purge", confirmCount: 2 } }, admin);
    expect(purge).toMatchObject({ status: "completed", total: 2 });
    expect((await db.select({ id: contacts.id }).from(contacts).where(inArray(contacts.id, ids))).map((r) => r.id).sort()).toEqual(ids.slice(0, 2).sort());
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(inArray(auditLog.entityId, [del.id, restore.id, purge.id]));
    expect(audit.map((a) => a.action).sort()).toEqual(["contacts.bulk.delete", "contacts.bulk.purge", "contacts.bulk.restore"]);
  });

  it("the export leaves trashed contacts out, even when their ids are ticked", async () => {
    const company = unique("Export Trash Co");
    const [kept, gone] = await makeContacts(2, { company });
    await trash(gone!.id);
    const text = async (query: Record<string, string>) => {
      const request = parseExportRequest(new URLSearchParams({ ...query, all: "1" }));
      const prepared = await prepareExport(request, admin);
      return new Response(await exportStream(prepared, admin, { bom: false })).text();
    };
    const queries: Record<string, string>[] = [{ f: JSON.stringify(companyIs(company)) }, { ids: `${kept!.id},${gone!.id}` }];
    for (const query of queries) {
      const csv = await text(query);
      expect(csv).toContain(kept!.contactKey);
      expect(csv).not.toContain(gone!.contactKey);
    }
  });
});

describe("who sees what of a trashed contact", () => {
  it("the audit keeps the delete and the restore as separate entries", async () => {
    const c = await makeContact();
    await trash(c.id);
    await actAs(admin, contactActions.restore, { contactId: c.id });
    const entries = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entityType, "contact"), eq(auditLog.entityId, String(c.id))));
    expect(entries.map((e) => e.action)).toEqual(["contact.delete", "contact.restore"]);
  });
});
