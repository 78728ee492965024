import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db, rawSql } from "@/db";
import { attributeDefinitions, auditLog, contacts, importJobs, webhookEvents, type User } from "@/db/schema";
import { contactActions } from "@/lib/contacts/actions";
import { createContact } from "@/lib/contacts/create";
import { mergeContacts } from "@/lib/contacts/merge";
import { importPhone, importCsv, storedText } from "@/lib/import/test-helpers";
import { actAs } from "@/lib/testing/act-as";
import { makeTag } from "@/lib/testing/bulk-fixtures";
import { actorOf, makeUser, unique } from "@/lib/testing/factories";
import { databaseFingerprint, useOwnDatabase } from "@/lib/testing/own-database";
import { createWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { contactAccessExport } from "./access-export";
import { gdprActions } from "./actions";

// A database of its own: "nothing was erased" is a whole-database fingerprint.
useOwnDatabase("gdpr");

/** Every text, varchar and jsonb column of every table, with the rows in which any needle appears (case-insensitive). */
async function scanEverywhere(needles: string[]): Promise<string[]> {
  const sql = rawSql();
  const columns = await sql<{ table: string; column: string }[]>`
    select c.table_name as table, c.column_name as column from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public' and c.data_type in ('text', 'character varying', 'jsonb')
    order by 1, 2`;
  expect(columns.length).toBeGreaterThan(40);
  const patterns = needles.map((n) => `%${n.toLowerCase()}%`);
  const found: string[] = [];
  for (const { table, column } of columns) {
    const [row] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from "${table}" where lower("${column}"::text) like any($1::text[])`, [patterns]);
    if (row!.n > 0) found.push(`${table}.${column} (${row!.n})`);
  }
  return found;
}

const version = async (id: number) => (await db.select({ v: contacts.version }).from(contacts).where(eq(contacts.id, id)))[0]!.v;
const ok = (result: { ok: boolean }) => expect(result, JSON.stringify(result)).toMatchObject({ ok: true });

interface Person {
  id: number;
  key: string;
  mergedId: number;
  mergedKey: string;
  needles: string[];
  keeper: string;
  errorFile: string;
  noteText: string;
  tagName: string;
  email: string;
  mergedPhone: string;
}

/** A contact imported from a file, edited, noted, tagged, linked, with another contact merged into it, all under a webhook subscribed to contact events. */
async function livedContact(admin: User): Promise<Person> {
  const actor = actorOf(admin);
  await createWebhookEndpoint({ url: `http://127.0.0.1:9/${unique("hook")}`, events: ["contact.created", "contact.updated", "contact.merged", "contact.deleted"] }, admin.id, actor);
  const [first, last, edited] = [unique("Zelda"), unique("Quill"), unique("Quillfeather")];
  const [email, phone, keeper] = [`${unique("zq")}@erase.test`, importPhone(), unique("keeper")];
  // Row 3 repeats the person's e-mail with a bad phone: rejected, so the error file names them; row 4 is someone else's.
  const csv = `First Name,Last Name,Email,Phone\n${first},${last},${email},${phone}\n${first},${last},${email},12\n${keeper},Other,${keeper}@other.test,13\n`;
  const { job } = await importCsv(admin, csv);
  expect(job.status).toBe("completed");
  const [x] = await db.select().from(contacts).where(eq(contacts.firstName, first));
  ok(await actAs(admin, contactActions.updateField, { contactId: x!.id, version: await version(x!.id), field: "lastName", value: edited }));
  const noteText = unique("Prefers calls after six, ref ");
  ok(await actAs(admin, contactActions.addNote, { contactId: x!.id, body: noteText }));
  const tag = await makeTag();
  ok(await actAs(admin, contactActions.addTag, { contactId: x!.id, version: await version(x!.id), name: tag.name }));
  ok(await actAs(admin, contactActions.addLink, { contactId: x!.id, version: await version(x!.id), label: "CRM", url: `https://crm.example.test/${unique("p")}` }));
  const [def] = await db.insert(attributeDefinitions).values({ key: unique("plan_"), label: "Plan", type: "text" }).returning();
  ok(await actAs(admin, contactActions.setAttribute, { contactId: x!.id, version: await version(x!.id), attributeId: def!.id, value: "gold" }));
  const [yFirst, yLast, yEmail, yPhone] = [unique("Ygritte"), unique("Ulm"), `${unique("yu")}@erase.test`, importPhone()];
  const y = await createContact({ firstName: yFirst, lastName: yLast, email: yEmail, phone: yPhone }, actor);
  await mergeContacts({ primaryId: x!.id, contactIds: [x!.id, y.id] }, actor);
  const [reloaded] = await db.select().from(importJobs).where(eq(importJobs.id, job.id));
  return {
    id: x!.id,
    key: x!.contactKey,
    mergedId: y.id,
    mergedKey: y.contactKey,
    // Phones as digits: the search columns hold them so, and "+" is punctuation everywhere else.
    needles: [first, last, edited, email, phone.slice(1), yFirst, yLast, yEmail, yPhone.slice(1), noteText],
    keeper,
    errorFile: reloaded!.errorFilePath!,
    noteText,
    tagName: tag.name,
    email,
    mergedPhone: yPhone,
  };
}

describe("GDPR erasure and access", () => {
  let admin: User;
  beforeAll(async () => {
    admin = await makeUser("admin");
  });

  it("exports everything held about a contact, then erases every personal value of it from every table and file, leaving a tombstone", async () => {
    const person = await livedContact(admin);
    expect(await scanEverywhere(person.needles)).not.toEqual([]);
    const errorsBefore = await storedText(person.errorFile);
    expect(errorsBefore).toContain(person.email);
    expect(errorsBefore).toContain(person.keeper);
    expect(await db.select().from(webhookEvents)).not.toEqual([]);

    // Access: every section, with the person's values.
    const { document } = await contactAccessExport(person.id, actorOf(admin));
    expect(document.contact).toMatchObject({ id: person.id, contactKey: person.key, firstName: person.needles[0], lastName: person.needles[2] });
    expect(document.emails.map((e) => e.email).sort()).toEqual([person.email, person.needles[7]].sort());
    expect(document.phones.map((p) => p.e164)).toContain(person.mergedPhone);
    expect(document.tags.map((t) => t.name)).toEqual([person.tagName]);
    expect(Object.values(document.attributes).map((a) => a.value)).toEqual(["gold"]);
    expect(document.links).toHaveLength(1);
    expect(document.notes.map((n) => n.body)).toEqual([person.noteText]);
    expect(document.activities.map((a) => a.type)).toEqual(expect.arrayContaining(["merged"]));
    expect(document.mergedContacts).toEqual([expect.objectContaining({ contactId: person.mergedId, contactKey: person.mergedKey })]);
    const audited = new Set(document.auditEntries.map((e) => `${e.entityId} ${e.action}`));
    for (const entry of [`${person.id} contact.update`, `${person.id} contact.merge`, `${person.id} contact.tag.add`, `${person.mergedId} contact.create`]) expect(audited).toContain(entry);
    expect(JSON.parse(JSON.stringify(document))).toMatchObject({ exportedAt: expect.any(String) });

    const result = await actAs(admin, gdprActions.erase, { contactId: person.id, reference: "GDPR Art. 17 request #114", confirmContactKey: person.key });
    expect(result).toEqual({ ok: true, data: undefined, message: "Personal data erased." });

    expect(await scanEverywhere(person.needles)).toEqual([]);
    expect(await db.select().from(contacts).where(inArray(contacts.id, [person.id, person.mergedId]))).toEqual([]);
    // No webhook event names it or the contact merged into it (their deliveries went with them).
    const events = await db.select({ data: webhookEvents.data }).from(webhookEvents);
    expect(JSON.stringify(events)).not.toContain(person.key);
    expect(JSON.stringify(events)).not.toContain(person.mergedKey);
    // The error file lost the person's row and kept the other one's.
    const errorsAfter = await storedText(person.errorFile);
    expect(errorsAfter).not.toContain(person.email);
    expect(errorsAfter).toContain(person.keeper);

    // What remains: the entries' existence without values, and one tombstone with the reference.
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "contact"), inArray(auditLog.entityId, [String(person.id), String(person.mergedId)])));
    const tombstones = entries.filter((e) => e.action === "contact.erase");
    expect(tombstones).toEqual([
      expect.objectContaining({ entityId: String(person.id), actorId: admin.id, actorLabel: `${admin.name} <${admin.email}>`, before: null, after: { reference: "GDPR Art. 17 request #114" } }),
    ]);
    const others = entries.filter((e) => e.action !== "contact.erase");
    expect(others.length).toBeGreaterThan(5);
    expect(others.every((e) => e.before === null && e.after === null)).toBe(true);
  });

  it("refuses a Contact ID typed wrong and erases nothing", async () => {
    const person = await livedContact(admin);
    const before = await databaseFingerprint();
    const result = await actAs(admin, gdprActions.erase, { contactId: person.id, reference: "GDPR Art. 17 request #115", confirmContactKey: `${person.key}x` });
    expect(result).toMatchObject({ ok: false, fieldErrors: { confirmContactKey: [`Type ${person.key} exactly.`] } });
    expect(await databaseFingerprint()).toEqual(before);
    expect(await storedText(person.errorFile)).toContain(person.email);
  });

  it("refuses an agent and erases nothing", async () => {
    const person = await livedContact(admin);
    const agent = await makeUser("agent");
    const before = await databaseFingerprint();
    const result = await actAs(agent, gdprActions.erase, { contactId: person.id, reference: "GDPR Art. 17 request #116", confirmContactKey: person.key });
    expect(result).toEqual({ ok: false, message: "You are not allowed to do that." });
    expect(await databaseFingerprint()).toEqual(before);
  });
});
