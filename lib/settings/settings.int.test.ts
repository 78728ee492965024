import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { attributeDefinitions, auditLog, contactAttributeValues, contactTags, tags, workspaceSettings } from "@/db/schema";
import { actAs } from "@/lib/testing/act-as";
import { makeContact, makeUser, unique } from "@/lib/testing/factories";
import { getWorkspaceSettings } from "@/lib/workspace";
import { settingsActions } from "./actions";

async function auditOf(entityType: string, id: number, action: string) {
  const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, String(id)), eq(auditLog.action, action)));
  return entry;
}

describe("settings → custom attributes", () => {
  it("is for admins only", async () => {
    const supervisor = await makeUser("supervisor");
    expect(await actAs(supervisor, settingsActions.createAttribute, { label: "Nope", type: "text" })).toEqual({ ok: false, message: "You are not allowed to do that." });
  });

  it("creates definitions with a key from the label, validating dropdown options, and keeps keys unique", async () => {
    const admin = await makeUser("admin");
    const label = `Tier ${unique()}`;
    const out = await actAs(admin, settingsActions.createAttribute, { label, type: "dropdown", options: "Bronze\n Silver \n\nGold" });
    expect(out.ok).toBe(true);
    const id = out.ok ? (out.data as { id: number }).id : -1;
    const [def] = await db.select().from(attributeDefinitions).where(eq(attributeDefinitions.id, id));
    expect(def).toMatchObject({ key: label.toLowerCase().replace(/ /g, "_"), label, type: "dropdown", options: ["Bronze", "Silver", "Gold"] });
    expect(await auditOf("attribute", id, "attribute.create")).toMatchObject({ before: null, after: { label } });
    expect(await actAs(admin, settingsActions.createAttribute, { label: "Again", key: def!.key, type: "text" })).toMatchObject({
      ok: false,
      fieldErrors: { key: [expect.stringContaining("already exists")] },
    });
    expect(await actAs(admin, settingsActions.createAttribute, { label: "Empty", type: "dropdown", options: "" })).toMatchObject({
      ok: false,
      fieldErrors: { options: ["A dropdown needs at least one option, one per line."] },
    });
    expect(await actAs(admin, settingsActions.createAttribute, { label: "Twice", type: "dropdown", options: "A\na" })).toMatchObject({ ok: false });
    expect(await actAs(admin, settingsActions.createAttribute, { label: "Bad key", key: "Bad Key", type: "text" })).toMatchObject({
      ok: false,
      fieldErrors: { key: [expect.any(String)] },
    });
  });

  it("refuses to drop a dropdown option contacts have unless confirmed, then clears those values", async () => {
    const admin = await makeUser("admin");
    const [def] = await db.insert(attributeDefinitions).values({ key: unique("plan_"), label: "Plan", type: "dropdown", options: ["Free", "Pro", "Old"] }).returning();
    const [a, b] = await Promise.all([makeContact(), makeContact()]);
    await db.insert(contactAttributeValues).values([
      { contactId: a.id, attributeId: def!.id, textValue: "Old" },
      { contactId: b.id, attributeId: def!.id, textValue: "Pro" },
    ]);
    const refused = await actAs(admin, settingsActions.updateAttribute, { id: def!.id, label: "Plan", options: "Free\nPro" });
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("“Old” (1 contact)"), details: { reason: "confirm" } });
    expect((await db.select().from(attributeDefinitions).where(eq(attributeDefinitions.id, def!.id)))[0]!.options).toEqual(["Free", "Pro", "Old"]);
    // Renaming and removing an unused option needs no confirmation.
    expect(await actAs(admin, settingsActions.updateAttribute, { id: def!.id, label: "Plan name", options: "Pro\nOld" })).toEqual({ ok: true, message: "Saved." });
    const confirmed = await actAs(admin, settingsActions.updateAttribute, { id: def!.id, label: "Plan name", options: "Pro\nEnterprise", confirmRemovals: "on" });
    expect(confirmed).toEqual({ ok: true, message: "Saved. 1 value cleared." });
    const values = await db.select().from(contactAttributeValues).where(eq(contactAttributeValues.attributeId, def!.id));
    expect(values.map((v) => v.textValue)).toEqual(["Pro"]);
    expect(await auditOf("attribute", def!.id, "attribute.update")).toMatchObject({ before: { label: "Plan" }, after: { label: "Plan name" } });
  });

  it("asks for confirmation before deleting an attribute in use, then removes its values", async () => {
    const admin = await makeUser("admin");
    const [unused] = await db.insert(attributeDefinitions).values({ key: unique("u_"), label: "Unused", type: "text" }).returning();
    expect(await actAs(admin, settingsActions.deleteAttribute, { id: unused!.id })).toEqual({ ok: true, message: "Deleted." });
    const [def] = await db.insert(attributeDefinitions).values({ key: unique("s_"), label: "Score", type: "number" }).returning();
    const c = await makeContact();
    await db.insert(contactAttributeValues).values({ contactId: c.id, attributeId: def!.id, numberValue: "3" });
    expect(await actAs(admin, settingsActions.deleteAttribute, { id: def!.id })).toMatchObject({
      ok: false,
      message: "Score is set on 1 contact. Confirm to delete it and those values.",
    });
    expect(await db.select().from(attributeDefinitions).where(eq(attributeDefinitions.id, def!.id))).toHaveLength(1);
    expect(await actAs(admin, settingsActions.deleteAttribute, { id: def!.id, confirm: "true" })).toEqual({ ok: true, message: "Deleted, with 1 value." });
    expect(await db.select().from(contactAttributeValues).where(eq(contactAttributeValues.attributeId, def!.id))).toHaveLength(0);
    expect(await auditOf("attribute", def!.id, "attribute.delete")).toMatchObject({ before: { label: "Score", valueCount: 1 }, after: null });
  });
});

describe("settings → tags", () => {
  it("creates (admin only: SPEC gives settings to admins), renames, recolours and deletes tags with unique names", async () => {
    const admin = await makeUser("admin");
    const supervisor = await makeUser("supervisor");
    const agent = await makeUser("agent");
    const name = unique("Spring ");
    expect(await actAs(agent, settingsActions.createTag, { name })).toEqual({ ok: false, message: "You are not allowed to do that." });
    expect(await actAs(supervisor, settingsActions.createTag, { name })).toEqual({ ok: false, message: "You are not allowed to do that." });
    const created = await actAs(admin, settingsActions.createTag, { name, color: "#16A34A" });
    expect(created.ok).toBe(true);
    const id = created.ok ? (created.data as { id: number }).id : -1;
    expect(await actAs(admin, settingsActions.createTag, { name: name.toUpperCase() })).toMatchObject({ ok: false, fieldErrors: { name: [expect.stringContaining("already exists")] } });
    expect(await actAs(admin, settingsActions.createTag, { name: "Bad colour", color: "red" })).toMatchObject({ ok: false, fieldErrors: { color: [expect.any(String)] } });
    expect(await actAs(supervisor, settingsActions.updateTag, { id, name: `${name} 2`, color: "#000000" })).toMatchObject({ ok: false });
    expect(await actAs(admin, settingsActions.updateTag, { id, name: `${name} 2`, color: "#2563EB" })).toEqual({ ok: true, message: "Saved." });
    expect((await db.select().from(tags).where(eq(tags.id, id)))[0]).toMatchObject({ name: `${name} 2`, color: "#2563eb" });
    const c = await makeContact();
    await db.insert(contactTags).values({ contactId: c.id, tagId: id });
    expect(await actAs(admin, settingsActions.deleteTag, { id })).toEqual({ ok: true, message: "Tag deleted and removed from 1 contact." });
    expect(await db.select().from(contactTags).where(eq(contactTags.contactId, c.id))).toHaveLength(0);
    expect(await auditOf("tag", id, "tag.delete")).toMatchObject({ before: { contactCount: 1 }, after: null });
    expect(await auditOf("tag", id, "tag.update")).toMatchObject({ before: { color: "#16a34a" }, after: { color: "#2563eb" } });
  });
});

describe("settings → workspace", () => {
  it("saves the name and a valid default country, audited; refuses an unknown country", async () => {
    const admin = await makeUser("admin");
    const { defaultCountry } = await getWorkspaceSettings();
    const name = unique("Workspace ");
    // The default country is left as it is: other tests read phone numbers in it at the same time.
    expect(await actAs(admin, settingsActions.updateWorkspace, { name, defaultCountry: defaultCountry.toLowerCase() })).toEqual({ ok: true, message: "Workspace saved." });
    expect(await getWorkspaceSettings()).toEqual({ name, defaultCountry });
    expect(await actAs(admin, settingsActions.updateWorkspace, { name, defaultCountry: "ZZ" })).toMatchObject({
      ok: false,
      fieldErrors: { defaultCountry: ["Pick a country from the list."] },
    });
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "workspace.update"), eq(auditLog.actorId, admin.id)));
    expect(entry).toMatchObject({ after: { name, defaultCountry } });
    expect((await db.select().from(workspaceSettings)).length).toBe(1);
  });
});
