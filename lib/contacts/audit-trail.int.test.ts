import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db";
import { attributeDefinitions, auditLog, tags } from "@/db/schema";
import { makeUser, unique, uniquePhone } from "@/lib/testing/factories";
import { contactActions } from "./actions";
import type { ContactSnapshot } from "./snapshot";
import { loadContactSnapshot } from "./snapshot";
import { actAs } from "@/lib/testing/act-as";

describe("the audit trail of a contact", () => {
  it("records every kind of write with the actor and the whole record before and after", async () => {
    const supervisor = await makeUser("supervisor");
    const created = await actAs(supervisor, contactActions.create, { firstName: "Audit", lastName: unique("Trail"), phone: uniquePhone() });
    const { id } = (created.ok && created.data) as { id: number };
    const [tag] = await db.insert(tags).values({ name: unique("Audit ") }).returning();
    const [def] = await db.insert(attributeDefinitions).values({ key: unique("a_"), label: "Tier", type: "text" }).returning();
    let version = 1;
    const step = async (definition: Parameters<typeof actAs>[1], input: Record<string, unknown>) => {
      const out = await actAs(supervisor, definition, { contactId: id, version, ...input });
      expect(out.ok, JSON.stringify(out)).toBe(true);
      version++;
    };
    await step(contactActions.updateField, { field: "company", value: "Audited Ltd" });
    await step(contactActions.addPhone, { phone: uniquePhone() });
    await step(contactActions.addEmail, { email: `${unique()}@audit.test` });
    let snap = (await loadContactSnapshot(db, id))!;
    await step(contactActions.makePrimary, { kind: "phone", identifierId: snap.phones[1]!.id });
    await step(contactActions.removeIdentifier, { kind: "phone", identifierId: snap.phones[0]!.id });
    await step(contactActions.addLink, { label: "CRM", url: "https://crm.example.test/1" });
    snap = (await loadContactSnapshot(db, id))!;
    await step(contactActions.removeLink, { linkId: snap.links[0]!.id });
    await step(contactActions.addTag, { name: tag!.name });
    await step(contactActions.removeTag, { tagId: tag!.id });
    await step(contactActions.setAttribute, { attributeId: def!.id, value: "Gold" });
    await step(contactActions.addNote, { body: "Audited note" });
    await step(contactActions.setBlocked, { blocked: true });
    await step(contactActions.setBlocked, { blocked: false });
    await step(contactActions.setArchived, { archived: true });
    await step(contactActions.setArchived, { archived: false });
    expect((await actAs(supervisor, contactActions.delete, { contactId: id })).ok).toBe(true);

    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "contact"), eq(auditLog.entityId, String(id))))
      .orderBy(asc(auditLog.id));
    expect(entries.map((e) => e.action)).toEqual([
      "contact.create",
      "contact.update",
      "contact.phone.add",
      "contact.email.add",
      "contact.phone.primary",
      "contact.phone.remove",
      "contact.link.add",
      "contact.link.remove",
      "contact.tag.add",
      "contact.tag.remove",
      "contact.attribute.set",
      "contact.note.add",
      "contact.block",
      "contact.unblock",
      "contact.archive",
      "contact.unarchive",
      "contact.delete",
    ]);
    for (const e of entries) expect(e).toMatchObject({ actorId: supervisor.id, actorLabel: `${supervisor.name} <${supervisor.email}>` });
    expect(entries[0]!.before).toBeNull();
    // The delete moves it to Trash (SPEC §9): a write like the others, its after the trashed record.
    expect((entries.at(-1)!.after as ContactSnapshot).contact.trashedById).toBe(supervisor.id);
    for (const e of entries.slice(1)) {
      const before = e.before as ContactSnapshot;
      const after = e.after as ContactSnapshot;
      expect(after.contact.version, e.action).toBe(before.contact.version + 1);
    }
    const companyEdit = entries[1]!;
    expect((companyEdit.before as ContactSnapshot).contact.company).toBeNull();
    expect((companyEdit.after as ContactSnapshot).contact.company).toBe("Audited Ltd");
    expect((entries[8]!.after as ContactSnapshot).tags.map((t) => t.id)).toEqual([tag!.id]);
    expect((entries[10]!.after as ContactSnapshot).attributes[def!.key]).toMatchObject({ value: "Gold" });
  });
});
