import { and, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getContacts } from "@/app/api/v1/contacts/route";
import { DELETE as deleteByKey, GET as getByKey } from "@/app/api/v1/contacts/[contactId]/route";
import { db } from "@/db";
import { activities, auditLog, contactPhones, contacts, notes, type User } from "@/db/schema";
import { loadFilterFields } from "@/lib/filters/context";
import { EMPTY_FILTER } from "@/lib/filters/schema";
import { gdprActions } from "@/lib/gdpr/actions";
import { segmentsWithCounts } from "@/lib/segments/counts";
import { resolveView } from "@/lib/segments/segments";
import { actAs } from "@/lib/testing/act-as";
import { makeToken } from "@/lib/testing/api-tokens";
import { makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";
import { contactActions } from "./actions";
import { DEFAULT_COLUMNS, listColumns } from "./columns";
import { findPossibleDuplicates } from "./duplicates";
import { listContacts } from "./list";
import { DEFAULT_LIST_PARAMS } from "./list-params";
import { mergeContacts } from "./merge";
import { purgeTrash } from "./trash";

let admin: User;
let supervisor: User;
let agent: User;
let auth: Record<string, string>;
beforeAll(async () => {
  [admin, supervisor, agent] = await Promise.all([makeUser("admin"), makeUser("supervisor"), makeUser("agent")]);
  auth = { authorization: `Bearer ${(await makeToken(admin, "write")).secret}` };
});

const row = async (id: number) => (await db.select().from(contacts).where(eq(contacts.id, id)))[0];
const ctxFor = async (user: User) => ({ fields: await loadFilterFields(), userId: user.id });

/** The ids the list shows for a user, segment and search (the page's own path: resolveView → listContacts). */
async function listed(user: User, segment: string, search = ""): Promise<number[]> {
  const view = await resolveView(segment, EMPTY_FILTER, user, await ctxFor(user));
  const result = await listContacts(db, { ...DEFAULT_LIST_PARAMS, search, size: 100 }, {
    columns: listColumns([]),
    visible: [...DEFAULT_COLUMNS],
    defaultCountry: "US",
    where: view.where,
    perRowWhere: view.perRowWhere,
  });
  return result.rows.map((r) => r.id);
}

describe("delete moves a contact to Trash", () => {
  it("a supervisor's delete trashes it (audited, on its timeline): gone from the list, search, segments' counts and duplicates; in the admin's Trash", async () => {
    const tok = unique("Trashy");
    const [gone, twin] = [await makeContact({ lastName: tok }), await makeContact({ lastName: tok })];
    const out = await actAs(supervisor, contactActions.delete, { contactId: gone.id });
    expect(out).toMatchObject({ ok: true, message: expect.stringContaining("moved to Trash") });
    expect(await row(gone.id)).toMatchObject({ trashedById: supervisor.id, trashedAt: expect.any(Date) });
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "contact.delete"), eq(auditLog.entityId, String(gone.id))));
    expect(entry).toMatchObject({ actorId: supervisor.id, after: { contact: { id: gone.id } } });
    expect(await db.select({ type: activities.type }).from(activities).where(eq(activities.contactId, gone.id))).toEqual([{ type: "trashed" }]);

    for (const segment of ["all", "leads", "blocked", "archived"]) expect(await listed(admin, segment, tok), segment).not.toContain(gone.id);
    expect(await listed(admin, "all", tok)).toEqual([twin.id]);
    expect(await listed(admin, "trash", tok)).toEqual([gone.id]);
    // Trash is the admins': for a supervisor the segment is unknown and falls back to All contacts.
    expect((await resolveView("trash", EMPTY_FILTER, supervisor, await ctxFor(supervisor))).segment).toBe("all");
    const adminSegments = await segmentsWithCounts(db, admin, await ctxFor(admin));
    expect(adminSegments.map((s) => s.key)).toContain("trash");
    expect((await segmentsWithCounts(db, supervisor, await ctxFor(supervisor))).map((s) => s.key)).not.toContain("trash");
    expect((await findPossibleDuplicates(twin.id, `Test ${tok}`)).shown.map((d) => d.id)).toEqual([]);
  });

  it("an agent may not delete; a contact already in Trash cannot be edited or deleted again", async () => {
    const c = await makeContact();
    expect(await actAs(agent, contactActions.delete, { contactId: c.id })).toMatchObject({ ok: false });
    expect((await row(c.id))!.trashedAt).toBeNull();
    await actAs(supervisor, contactActions.delete, { contactId: c.id });
    expect(await actAs(supervisor, contactActions.delete, { contactId: c.id })).toMatchObject({ ok: false, message: expect.stringContaining("in Trash") });
    const edit = await actAs(agent, contactActions.addNote, { contactId: c.id, body: "Too late" });
    expect(edit).toMatchObject({ ok: false, message: expect.stringContaining("in Trash") });
  });
});

describe("Restore and Delete forever", () => {
  it("an admin restores a contact with its notes; a supervisor may not", async () => {
    const c = await makeContact();
    await actAs(agent, contactActions.addNote, { contactId: c.id, body: "Prefers e-mail" });
    await actAs(supervisor, contactActions.delete, { contactId: c.id });
    expect(await actAs(supervisor, contactActions.restore, { contactId: c.id })).toMatchObject({ ok: false, message: "You are not allowed to do that." });
    expect(await actAs(admin, contactActions.restore, { contactId: c.id })).toMatchObject({ ok: true, message: expect.stringContaining("restored") });
    expect(await row(c.id)).toMatchObject({ trashedAt: null, trashedById: null });
    expect((await db.select({ body: notes.body }).from(notes).where(eq(notes.contactId, c.id))).map((n) => n.body)).toEqual(["Prefers e-mail"]);
    expect(await listed(admin, "all", c.lastName!)).toEqual([c.id]);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "contact.restore"), eq(auditLog.entityId, String(c.id))));
    expect(entry).toMatchObject({ actorId: admin.id });
    expect(await actAs(admin, contactActions.restore, { contactId: c.id })).toMatchObject({ ok: false, message: "This contact is not in Trash." });
  });

  it("Delete forever removes a trashed contact for good (audited with the record); a live one is refused", async () => {
    const phone = uniquePhone();
    const c = await makeContact({}, { phones: [phone] });
    expect(await actAs(admin, contactActions.deleteForever, { contactId: c.id })).toMatchObject({ ok: false, message: expect.stringContaining("not in Trash") });
    expect(await row(c.id)).toBeDefined();
    await actAs(supervisor, contactActions.delete, { contactId: c.id });
    expect(await actAs(supervisor, contactActions.deleteForever, { contactId: c.id })).toMatchObject({ ok: false });
    expect(await actAs(admin, contactActions.deleteForever, { contactId: c.id })).toMatchObject({ ok: true });
    expect(await row(c.id)).toBeUndefined();
    expect(await db.select().from(contactPhones).where(eq(contactPhones.e164, phone))).toEqual([]);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "contact.purge"), eq(auditLog.entityId, String(c.id))));
    expect(entry).toMatchObject({ actorId: admin.id, after: null, before: { contact: { id: c.id }, phones: [expect.objectContaining({ e164: phone })] } });
  });
});

describe("the daily purge", () => {
  it("deletes contacts trashed more than SWITCHBOARD_TRASH_DAYS ago, in chunks, one audit entry each; younger ones and live ones stay", async () => {
    const [old1, old2, young, live] = await Promise.all([makeContact(), makeContact(), makeContact(), makeContact()]);
    await db.update(contacts).set({ trashedAt: sql`now() - interval '31 days'` }).where(inArray(contacts.id, [old1.id, old2.id]));
    await db.update(contacts).set({ trashedAt: sql`now() - interval '29 days'` }).where(eq(contacts.id, young.id));
    const purged = await purgeTrash({ days: 30, chunk: 1 });
    expect(purged).toBeGreaterThanOrEqual(2);
    expect(await row(old1.id)).toBeUndefined();
    expect(await row(old2.id)).toBeUndefined();
    expect(await row(young.id)).toBeDefined();
    expect(await row(live.id)).toBeDefined();
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.action, "contact.purge"), inArray(auditLog.entityId, [String(old1.id), String(old2.id)])));
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ actorId: null, actorLabel: "system", before: { contact: { contact_key: expect.any(String) }, purgedAfterDays: 30 } });
    // A shorter setting purges the younger one too.
    await purgeTrash({ days: 28 });
    expect(await row(young.id)).toBeUndefined();
  });
});

describe("GDPR erasure bypasses the trash", () => {
  it("erases a live contact outright (nothing left in Trash), and a trashed one too", async () => {
    const [live, trashed] = [await makeContact(), await makeContact()];
    await actAs(supervisor, contactActions.delete, { contactId: trashed.id });
    for (const c of [live, trashed]) {
      const out = await actAs(admin, gdprActions.erase, { contactId: c.id, reference: "GDPR request", confirmContactKey: c.contactKey });
      expect(out).toMatchObject({ ok: true });
      expect(await row(c.id)).toBeUndefined();
    }
  });
});

describe("the API and merges do not see the trash", () => {
  it("DELETE moves to Trash; GET answers 404 and the list leaves it out", async () => {
    const tok = unique("Apitrash");
    const c = await makeContact({ lastName: tok });
    const path = `http://localhost/api/v1/contacts/${c.contactKey}`;
    const params = Promise.resolve({ contactId: c.contactKey });
    expect((await deleteByKey(new Request(path, { method: "DELETE", headers: auth }), { params })).status).toBe(204);
    expect((await row(c.id))!.trashedAt).not.toBeNull();
    expect((await getByKey(new Request(path, { headers: auth }), { params })).status).toBe(404);
    const list = await getContacts(new Request(`http://localhost/api/v1/contacts?q=${tok}`, { headers: auth }));
    expect(((await list.json()) as { data: unknown[] }).data).toEqual([]);
    const all = await getContacts(new Request(`http://localhost/api/v1/contacts?limit=100&sort=-created_at`, { headers: auth }));
    expect(((await all.json()) as { data: { contact_id: string }[] }).data.map((d) => d.contact_id)).not.toContain(c.contactKey);
  });

  it("a merge refuses a contact in Trash as if it were deleted", async () => {
    const [a, b] = [await makeContact(), await makeContact()];
    await actAs(supervisor, contactActions.delete, { contactId: b.id });
    await expect(mergeContacts({ contactIds: [a.id, b.id], primaryId: a.id }, { id: admin.id, label: "admin" })).rejects.toThrow(/does not exist or was deleted/);
    expect((await row(b.id))!.trashedAt).not.toBeNull();
  });
});
