import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, rawSql } from "@/db";
import { auditLog, users } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit";
import { mergeContacts } from "@/lib/contacts/merge";
import { updateContactField } from "@/lib/contacts/update";
import { actorOf, makeContact, makeUser, unique } from "@/lib/testing/factories";
import { auditCsv, auditCsvStream } from "./csv";
import { parseAuditParams } from "./params";
import { contactHistoryPage, listAuditPage, resolveAuditFilters, type AuditSelection } from "./query";

const ids = (page: { entries: { id: number }[] }) => page.entries.map((e) => e.id);
const label = (): Actor => ({ id: null, label: `API token ${unique("tok")}` });

/** Every entry the selection finds, walking the keyset a few at a time. */
async function walk(selection: AuditSelection, size: number): Promise<number[]> {
  const seen: number[] = [];
  let before: number | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await listAuditPage(selection, before, size);
    seen.push(...ids(page));
    if (!page.nextBefore) return seen;
    before = page.nextBefore;
  }
  throw new Error("the walk did not end");
}

describe("audit log: filters", () => {
  it("filters by actor user, actor label, action, entity type and raw id, and date range", async () => {
    const admin = await makeUser("admin");
    const token = label();
    const type = unique("thing").toLowerCase();
    const a = await recordAudit(db, actorOf(admin), { action: "thing.create", entityType: type, entityId: "7" });
    const b = await recordAudit(db, token, { action: "thing.update", entityType: type, entityId: "8" });
    const c = await recordAudit(db, actorOf(admin), { action: "thing.update", entityType: type, entityId: "8" });
    const select = async (query: string) => ids(await listAuditPage(await resolveAuditFilters(parseAuditParams(new URLSearchParams(query)).filters), null));
    expect(await select(`actor=u${admin.id}&type=${type}`)).toEqual([c, a]);
    expect(await select(`actor=${encodeURIComponent(`l:${token.label}`)}`)).toEqual([b]);
    expect(await select(`type=${type}&action=thing.update`)).toEqual([c, b]);
    expect(await select(`type=${type}&entity=8`)).toEqual([c, b]);
    await rawSql().begin(async (tx) => {
      await tx`select set_config('switchboard.audit_erasure', 'on', true)`;
      await tx`update audit_log set created_at = '2020-03-05T23:30:00Z' where id = ${a}`;
    });
    expect(await select(`type=${type}&from=2020-03-05&to=2020-03-05`)).toEqual([a]);
    expect(await select(`type=${type}&from=2020-03-06&to=2020-03-31`)).toEqual([]);
    expect(await select(`type=${type}&to=2021-01-01`)).toEqual([a]);
  });

  it("ignores malformed values with their names, keeping the rest", () => {
    const parsed = parseAuditParams(new URLSearchParams("actor=u0&action=contact.update&from=2020-13-01&to=yesterday&before=-4&entity=%01x"));
    expect(parsed.filters).toEqual({ action: "contact.update" });
    expect(parsed.before).toBeNull();
    expect(parsed.ignored.sort()).toEqual(["actor", "before", "entity", "from", "to"]);
    expect(parseAuditParams({ from: "2020-02-01", to: "2020-01-01" })).toMatchObject({ filters: { from: "2020-02-01" }, ignored: ["to"] });
  });

  it("pages newest first by keyset without duplicates or gaps, while new entries arrive", async () => {
    const token = label();
    const written: number[] = [];
    for (let i = 0; i < 11; i++) written.push(await recordAudit(db, token, { action: "page.test", entityType: "test", entityId: i }));
    const selection: AuditSelection = { actor: { kind: "label", label: token.label } };
    const first = await listAuditPage(selection, null, 4);
    // An entry written between two pages lands on the first page, not in the middle of the walk.
    const late = await recordAudit(db, token, { action: "page.test", entityType: "test" });
    const rest = await walk(selection, 4).then((all) => all.filter((id) => id < first.nextBefore!));
    expect([...ids(first), ...rest]).toEqual([...written].reverse());
    expect(await walk(selection, 5)).toEqual([late, ...[...written].reverse()]);
  });
});

describe("audit log: a contact's history", () => {
  it("includes the entries of contacts merged into it, found by either Contact ID", async () => {
    const supervisor = await makeUser("supervisor");
    const keep = await makeContact({ firstName: "Keep" });
    const gone = await makeContact({ firstName: "Gone" });
    await updateContactField({ contactId: gone.id, version: gone.version, field: "jobTitle", value: "Pilot" }, actorOf(supervisor));
    await updateContactField({ contactId: keep.id, version: keep.version, field: "jobTitle", value: "Chef" }, actorOf(supervisor));
    await mergeContacts({ primaryId: keep.id, contactIds: [keep.id, gone.id] }, actorOf(supervisor));
    const own = await db
      .select({ id: auditLog.id, action: auditLog.action, entityId: auditLog.entityId })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "contact"), sql`${auditLog.entityId} in (${String(keep.id)}, ${String(gone.id)})`))
      .orderBy(desc(auditLog.id));
    expect(own.map((e) => e.action)).toEqual(["contact.merge", "contact.update", "contact.update"]);
    const history = await contactHistoryPage(keep.id, null);
    expect(ids(history)).toEqual(own.map((e) => e.id));
    for (const key of [keep.contactKey, gone.contactKey]) {
      const selection = await resolveAuditFilters({ entity: key });
      expect(selection.contact).toEqual({ id: keep.id, contactKey: keep.contactKey, mergedIds: [gone.id] });
      expect(ids(await listAuditPage(selection, null))).toEqual(own.map((e) => e.id));
    }
    // Paged two at a time, the same entries.
    const first = await contactHistoryPage(keep.id, null, 2);
    const second = await contactHistoryPage(keep.id, first.nextBefore, 2);
    expect([...ids(first), ...ids(second)]).toEqual(own.map((e) => e.id));
    expect(second.nextBefore).toBeNull();
  });

  it("lists a contact's entries when many were merged into it, by either Contact ID, paged", async () => {
    const supervisor = await makeUser("supervisor");
    const keep = await makeContact({ firstName: "Many" });
    const merged = await Promise.all(Array.from({ length: 10 }, (_, i) => makeContact({ firstName: `Merged ${i}` })));
    for (const m of merged) await updateContactField({ contactId: m.id, version: m.version, field: "jobTitle", value: "Before" }, actorOf(supervisor));
    await mergeContacts({ primaryId: keep.id, contactIds: [keep.id, ...merged.map((m) => m.id)] }, actorOf(supervisor));
    const all = [keep, ...merged].map((c) => String(c.id));
    const own = await db.select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.entityType, "contact"), inArray(auditLog.entityId, all))).orderBy(desc(auditLog.id));
    expect(own).toHaveLength(11); // ten updates and the merge
    for (const key of [keep.contactKey, merged[9]!.contactKey]) {
      const selection = await resolveAuditFilters({ entity: key });
      expect(selection.contact?.mergedIds.sort()).toEqual(merged.map((m) => m.id).sort());
      const first = await listAuditPage(selection, null, 6);
      const second = await listAuditPage(selection, first.nextBefore, 6);
      expect([...ids(first), ...ids(second)]).toEqual(own.map((e) => e.id));
      expect(second.nextBefore).toBeNull();
    }
  });
});

describe("audit log: append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE in an ordinary transaction, and allows them under the erasure setting", async () => {
    const id = await recordAudit(db, label(), { action: "append.test", entityType: "test", after: { name: "Ada" } });
    const sqlc = rawSql();
    await expect(sqlc`update audit_log set after = '{"name":"Eve"}' where id = ${id}`).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(sqlc`delete from audit_log where id = ${id}`).rejects.toThrow(/append-only: DELETE refused/);
    await expect(sqlc`truncate audit_log`).rejects.toThrow(/append-only: TRUNCATE refused/);
    // The setting is the transaction's own: set in another transaction, it opens nothing here.
    await sqlc.begin((tx) => tx`select set_config('switchboard.audit_erasure', 'on', true)`);
    await expect(sqlc`update audit_log set after = null where id = ${id}`).rejects.toThrow(/append-only/);
    expect((await db.select().from(auditLog).where(eq(auditLog.id, id)))[0]!.after).toEqual({ name: "Ada" });

    await sqlc.begin(async (tx) => {
      await tx`select set_config('switchboard.audit_erasure', 'on', true)`;
      await tx`update audit_log set after = '{"erased":true}' where id = ${id}`;
    });
    expect((await db.select().from(auditLog).where(eq(auditLog.id, id)))[0]!.after).toEqual({ erased: true });
    await sqlc.begin(async (tx) => {
      await tx`select set_config('switchboard.audit_erasure', 'on', true)`;
      await tx`delete from audit_log where id = ${id}`;
    });
    expect(await db.select().from(auditLog).where(eq(auditLog.id, id))).toEqual([]);
  });

  it("lets a user's deletion clear actor_id (the foreign key), keeping the label and everything else", async () => {
    const user = await makeUser("agent");
    const id = await recordAudit(db, actorOf(user), { action: "append.user", entityType: "test", after: { x: 1 } });
    await db.delete(users).where(eq(users.id, user.id));
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.id, id));
    expect(entry).toMatchObject({ actorId: null, actorLabel: actorOf(user).label, after: { x: 1 } });
    await expect(rawSql()`update audit_log set actor_id = null, actor_label = 'someone else' where id = ${id}`).rejects.toThrow(/append-only/);
  });
});

describe("audit log: CSV", () => {
  it("writes only the filtered entries, every cell formula-safe, and records who exported what", async () => {
    const admin = await makeUser("admin");
    const token = label();
    const other = label();
    await recordAudit(db, token, { action: "csv.test", entityType: "test", entityId: "1", before: null, after: { note: "=HYPERLINK(\"http://x\")" } });
    await recordAudit(db, token, { action: "csv.test", entityType: "test", entityId: "2", after: { note: "plain" } });
    await recordAudit(db, other, { action: "csv.test", entityType: "test", entityId: "3" });
    const selection: AuditSelection = { actor: { kind: "label", label: token.label } };
    let text = "";
    for await (const chunk of auditCsv(selection, 1)) text += chunk;
    const lines = text.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe('\uFEFF"Entry","When (UTC)","Actor","Actor user id","Action","Entity type","Entity id","Before","After"');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"2","","{""note"":""plain""}"`);
    expect(lines[2]).toContain(`"1","","{""note"":""=HYPERLINK(\\""http://x\\"")""}"`);
    expect(text).not.toContain(other.label);
    // A cell that starts like a formula is neutralised.
    await recordAudit(db, token, { action: "=cmd|' /C calc'!A0", entityType: "test" });
    let again = "";
    for await (const chunk of auditCsv(selection)) again += chunk;
    expect(again).toContain(`"'=cmd|' /C calc'!A0"`);

    const stream = await auditCsvStream(selection, { actor: selection.actor }, admin);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer())).toBe(again);
    const [recorded] = await db.select().from(auditLog).where(and(eq(auditLog.action, "audit.export"), eq(auditLog.actorId, admin.id)));
    expect(recorded!.after).toEqual({ filters: { actor: { kind: "label", label: token.label } } });
  });
});
