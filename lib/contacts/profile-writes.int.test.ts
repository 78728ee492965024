import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { activities, attributeDefinitions, auditLog, contacts, tags } from "@/db/schema";
import { makeContact, makeUser, unique } from "@/lib/testing/factories";
import { contactActions } from "./actions";
import { loadContactSnapshot } from "./snapshot";
import { actAs } from "@/lib/testing/act-as";
import { STALE_MESSAGE } from "./write";

async function contactRow(id: number) {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, id));
  return row;
}

describe("editing default attributes", () => {
  it("saves a field, bumps the version and records the change on the timeline", async () => {
    const agent = await makeUser("agent");
    const c = await makeContact({ company: "Old Co" });
    expect(await actAs(agent, contactActions.updateField, { contactId: c.id, version: 1, field: "company", value: " Initech " })).toEqual({
      ok: true,
      message: "Saved.",
    });
    const row = (await contactRow(c.id))!;
    expect(row).toMatchObject({ company: "Initech", version: 2 });
    const [event] = await db.select().from(activities).where(eq(activities.contactId, c.id));
    expect(event).toMatchObject({ type: "edited", summary: "Company set to “Initech”", payload: { field: "company", from: "Old Co", to: "Initech" } });
  });

  it("refuses a save based on a version someone else has changed since, with the reload message", async () => {
    const [a, b] = await Promise.all([makeUser("agent"), makeUser("agent")]);
    const c = await makeContact({ jobTitle: "Clerk" });
    // Both loaded version 1; A saves first.
    expect((await actAs(a, contactActions.updateField, { contactId: c.id, version: 1, field: "jobTitle", value: "CTO" })).ok).toBe(true);
    const stale = await actAs(b, contactActions.updateField, { contactId: c.id, version: 1, field: "jobTitle", value: "Intern" });
    expect(stale).toEqual({ ok: false, message: "This contact was changed by someone else — reload to see the changes", details: { reason: "stale" } });
    expect(STALE_MESSAGE).toBe("This contact was changed by someone else — reload to see the changes");
    expect(await contactRow(c.id)).toMatchObject({ jobTitle: "CTO", version: 2 });
  });

  it("validates each field by its type: selects, country, agent, language, time zone; empty clears a text", async () => {
    const agent = await makeUser("agent");
    const c = await makeContact({ city: "Paris" });
    const save = (field: string, value: string, version: number) => actAs(agent, contactActions.updateField, { contactId: c.id, version, field, value });
    expect(await save("leadStage", "vip", 1)).toMatchObject({ ok: false, fieldErrors: { value: ['"vip" is not a lead stage (use Lead, Contact, Opportunity, Customer).'] } });
    expect(await save("country", "XX", 1)).toMatchObject({ ok: false, fieldErrors: { value: ['"XX" is not a country (use a name like Germany or a code like DE).'] } });
    expect(await save("favoriteAgent", "999999999", 1)).toMatchObject({ ok: false, fieldErrors: { value: [expect.stringContaining("does not exist")] } });
    expect(await save("timeZone", "Mars/Olympus", 1)).toMatchObject({ ok: false });
    expect(await save("language", "not a language", 1)).toMatchObject({ ok: false });
    expect(await save("contactKey", "NEW-KEY", 1)).toMatchObject({ ok: false, fieldErrors: { field: ["That field cannot be edited."] } });
    expect(await save("leadStage", "customer", 1)).toMatchObject({ ok: true });
    expect(await save("country", "de", 2)).toMatchObject({ ok: true });
    expect(await save("favoriteAgent", String(agent.id), 3)).toMatchObject({ ok: true });
    expect(await save("language", "pt-br", 4)).toMatchObject({ ok: true });
    expect(await save("city", "  ", 5)).toMatchObject({ ok: true });
    expect(await contactRow(c.id)).toMatchObject({
      leadStage: "customer",
      country: "DE",
      favoriteAgentId: agent.id,
      language: "pt-BR",
      city: null,
      contactKey: c.contactKey,
      version: 6,
    });
    const types = (await db.select().from(activities).where(eq(activities.contactId, c.id)).orderBy(asc(activities.id))).map((a) => a.type);
    expect(types).toEqual(["status_change", "edited", "assigned", "edited", "edited"]);
  });

  it("treats saving the current value as no change", async () => {
    const agent = await makeUser("agent");
    const c = await makeContact({ company: "Same" });
    expect(await actAs(agent, contactActions.updateField, { contactId: c.id, version: 1, field: "company", value: "Same" })).toEqual({
      ok: true,
      message: "No change.",
    });
    expect((await contactRow(c.id))!.version).toBe(1);
  });
});

describe("links, tags, notes and custom attribute values", () => {
  it("accepts only http and https links, once per contact", async () => {
    const agent = await makeUser("agent");
    const c = await makeContact();
    for (const url of ["javascript:alert(1)", "ftp://files.example.test/x", "file:///etc/passwd", "example.test/no-scheme"]) {
      const out = await actAs(agent, contactActions.addLink, { contactId: c.id, version: 1, label: "X", url });
      expect(out.ok, url).toBe(false);
      expect(!out.ok && out.fieldErrors?.url).toBeTruthy();
    }
    expect(await actAs(agent, contactActions.addLink, { contactId: c.id, version: 1, label: "", url: "https://crm.example.test/c/1" })).toMatchObject({ ok: true });
    expect(await actAs(agent, contactActions.addLink, { contactId: c.id, version: 2, label: "Again", url: "https://crm.example.test/c/1" })).toMatchObject({
      ok: false,
      message: "This contact already has this link.",
    });
    const snap = (await loadContactSnapshot(db, c.id))!;
    expect(snap.links).toEqual([expect.objectContaining({ label: "crm.example.test", url: "https://crm.example.test/c/1" })]);
    expect((await actAs(agent, contactActions.removeLink, { contactId: c.id, version: 2, linkId: snap.links[0]!.id })).ok).toBe(true);
    expect((await loadContactSnapshot(db, c.id))!.links).toHaveLength(0);
  });

  it("lets agents attach existing tags but only admins create new ones (SPEC §2: tags are managed in settings)", async () => {
    const agent = await makeUser("agent");
    const supervisor = await makeUser("supervisor");
    const admin = await makeUser("admin");
    const c = await makeContact();
    const [vip] = await db.insert(tags).values({ name: unique("Vip ") }).returning();
    expect(await actAs(agent, contactActions.addTag, { contactId: c.id, version: 1, name: vip!.name.toUpperCase() })).toMatchObject({
      ok: true,
      data: { tagId: vip!.id, created: false },
    });
    const fresh = unique("Campaign ");
    const refused = await actAs(agent, contactActions.addTag, { contactId: c.id, version: 2, name: fresh });
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("Only admins can create tags") });
    expect(await actAs(supervisor, contactActions.addTag, { contactId: c.id, version: 2, name: fresh })).toMatchObject({ ok: false });
    expect(await db.select().from(tags).where(eq(tags.name, fresh))).toHaveLength(0);
    expect(await actAs(admin, contactActions.addTag, { contactId: c.id, version: 2, name: fresh })).toMatchObject({ ok: true, data: { created: true } });
    expect(await actAs(agent, contactActions.addTag, { contactId: c.id, version: 3, name: vip!.name })).toMatchObject({ ok: false, message: expect.stringContaining("already tagged") });
    expect((await actAs(agent, contactActions.removeTag, { contactId: c.id, version: 3, tagId: vip!.id })).ok).toBe(true);
    expect((await loadContactSnapshot(db, c.id))!.tags.map((t) => t.name)).toEqual([fresh]);
    const types = (await db.select().from(activities).where(eq(activities.contactId, c.id)).orderBy(asc(activities.id))).map((a) => a.type);
    expect(types).toEqual(["tagged", "tagged", "untagged"]);
  });

  it("adds notes with their author, newest first, without needing the version", async () => {
    const agent = await makeUser("agent");
    const c = await makeContact();
    expect(await actAs(agent, contactActions.addNote, { contactId: c.id, body: "   " })).toMatchObject({ ok: false, fieldErrors: { body: ["Write the note first."] } });
    // A note is multi-line; a control character is refused there too, with the value module's words.
    expect(await actAs(agent, contactActions.addNote, { contactId: c.id, body: "a\u0000b" })).toMatchObject({
      ok: false,
      fieldErrors: { body: ["This value contains an invisible control character (U+0000): remove it and try again."] },
    });
    await actAs(agent, contactActions.addNote, { contactId: c.id, body: "First call went well" });
    await actAs(agent, contactActions.addNote, { contactId: c.id, body: "Wants a callback" });
    const { listNotes } = await import("./notes");
    const list = await listNotes(c.id);
    expect(list.map((n) => [n.body, n.authorName])).toEqual([["Wants a callback", agent.name], ["First call went well", agent.name]]);
    expect((await contactRow(c.id))!.version).toBe(3);
  });

  it("validates custom attribute values by type on the server; an empty value deletes it", async () => {
    const agent = await makeUser("agent");
    const c = await makeContact();
    const defs = await db
      .insert(attributeDefinitions)
      .values([
        { key: unique("n_"), label: "Score", type: "number" },
        { key: unique("d_"), label: "Since", type: "date" },
        { key: unique("p_"), label: "Plan", type: "dropdown", options: ["Free", "Pro"] },
        { key: unique("b_"), label: "Vip", type: "boolean" },
        { key: unique("t_"), label: "Code", type: "text" },
      ])
      .returning();
    const [score, since, plan, vip, code] = defs;
    let version = 1;
    const set = async (attributeId: number, value: string | boolean) => {
      const out = await actAs(agent, contactActions.setAttribute, { contactId: c.id, version, attributeId, value });
      if (out.ok) version++;
      return out;
    };
    expect(await set(score!.id, "ten")).toMatchObject({ ok: false, fieldErrors: { value: ['"ten" is not a number (write it like 42 or 3.5).'] } });
    expect(await set(since!.id, "2025-02-30")).toMatchObject({ ok: false, fieldErrors: { value: ['"2025-02-30" is not a date in the calendar.'] } });
    expect(await set(plan!.id, "Gold")).toMatchObject({ ok: false, fieldErrors: { value: ['"Gold" is not one of the options ("Free", "Pro").'] } });
    expect(await set(vip!.id, "perhaps")).toMatchObject({ ok: false });
    for (const [def, value] of [[score, "12.5"], [since, "2025-02-28"], [plan, "Pro"], [vip, "true"], [code, "A-1"]] as const) {
      expect(await set(def!.id, value)).toMatchObject({ ok: true });
    }
    let snap = (await loadContactSnapshot(db, c.id))!;
    expect(snap.attributes).toMatchObject({
      [score!.key]: { value: 12.5 },
      [since!.key]: { value: "2025-02-28" },
      [plan!.key]: { value: "Pro" },
      [vip!.key]: { value: true },
      [code!.key]: { value: "A-1" },
    });
    expect(await set(vip!.id, false)).toMatchObject({ ok: true });
    expect(await set(plan!.id, "")).toMatchObject({ ok: true });
    snap = (await loadContactSnapshot(db, c.id))!;
    expect(snap.attributes[plan!.key]).toBeUndefined();
    expect(snap.attributes[vip!.key]).toMatchObject({ value: false });
  });
});

describe("block, archive and delete", () => {
  it("blocks and archives with when and by whom, on the timeline, and back again", async () => {
    const agent = await makeUser("agent");
    const c = await makeContact();
    expect(await actAs(agent, contactActions.setBlocked, { contactId: c.id, version: 1, blocked: "true" })).toEqual({ ok: true, message: "Contact blocked." });
    expect(await contactRow(c.id)).toMatchObject({ blocked: true, blockedById: agent.id, blockedAt: expect.any(Date) });
    expect((await actAs(agent, contactActions.setArchived, { contactId: c.id, version: 2, archived: "true" })).ok).toBe(true);
    expect(await contactRow(c.id)).toMatchObject({ archived: true, archivedAt: expect.any(Date) });
    expect((await actAs(agent, contactActions.setBlocked, { contactId: c.id, version: 3, blocked: "false" })).ok).toBe(true);
    expect((await actAs(agent, contactActions.setArchived, { contactId: c.id, version: 4 })).ok).toBe(true);
    expect(await contactRow(c.id)).toMatchObject({ blocked: false, blockedAt: null, blockedById: null, archived: false, archivedAt: null });
    const types = (await db.select().from(activities).where(eq(activities.contactId, c.id)).orderBy(asc(activities.id))).map((a) => a.type);
    expect(types).toEqual(["blocked", "archived", "unblocked", "unarchived"]);
  });

  it("refuses a direct delete call from an agent and changes nothing; a supervisor's delete moves it to Trash with a full snapshot in the audit log", async () => {
    const agent = await makeUser("agent");
    const supervisor = await makeUser("supervisor");
    const c = await makeContact({ firstName: "Doomed" });
    expect(await actAs(agent, contactActions.delete, { contactId: c.id })).toEqual({ ok: false, message: "You are not allowed to do that." });
    expect((await contactRow(c.id))!.trashedAt).toBeNull();
    expect(await actAs(supervisor, contactActions.delete, { contactId: c.id })).toMatchObject({ ok: true, data: { name: `Doomed ${c.lastName}` } });
    expect((await contactRow(c.id))!.trashedAt).not.toBeNull();
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, String(c.id)), eq(auditLog.action, "contact.delete")));
    expect(entry).toMatchObject({
      actorId: supervisor.id,
      before: { contact: { firstName: "Doomed", contactKey: c.contactKey, trashedAt: null } },
      after: { contact: { trashedById: supervisor.id } },
    });
    expect(await actAs(supervisor, contactActions.delete, { contactId: c.id })).toMatchObject({ ok: false, message: expect.stringContaining("in Trash") });
  });
});
