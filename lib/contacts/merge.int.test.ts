import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { POOL_MAX } from "@/db/client";
import {
  activities,
  attributeDefinitions,
  auditLog,
  contactAttributeValues,
  contactEmails,
  contactPhones,
  contactRedirects,
  contacts,
  contactTags,
  notes,
} from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { actorOf, makeContact, makeUser, unique } from "@/lib/testing/factories";
import { heldRows, lostRows, makeRichContact, makeTag } from "@/lib/testing/merge-fixtures";
import { addContactEvent } from "./events";
import { mergeContacts, previewMerge, resolveContactId } from "./merge";
import { loadContactSnapshots } from "./snapshot";

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);
let actor: Actor;

beforeAll(async () => {
  actor = actorOf(await makeUser("supervisor"));
});

async function attribute(): Promise<number> {
  const [def] = await db.insert(attributeDefinitions).values({ key: unique("a_"), label: "Plan", type: "text" }).returning();
  return def!.id;
}

describe("mergeContacts: fields", () => {
  it("keeps the primary's values, fills empty ones from the most recently updated secondary, created = earliest", async () => {
    const a = await makeContact({ company: "Primary Co", jobTitle: null, city: null, subscription: "unsubscribed", createdAt: at("2024-05-01"), updatedAt: at("2024-05-02") });
    const b = await makeContact({ company: "B Co", jobTitle: "Old title", city: "Old city", subscription: "subscribed", createdAt: at("2021-01-01"), updatedAt: at("2024-01-01") });
    const c = await makeContact({ company: "C Co", jobTitle: "New title", subscription: "subscribed", createdAt: at("2023-01-01"), updatedAt: at("2025-01-01") });
    const started = new Date();
    await mergeContacts({ primaryId: a.id, contactIds: [b.id, a.id, c.id] }, actor);

    const [merged] = await db.select().from(contacts).where(eq(contacts.id, a.id));
    expect(merged).toMatchObject({
      company: "Primary Co", // the primary's value wins
      jobTitle: "New title", // filled from the most recently updated secondary (c)
      city: "Old city", // c has none, so the next one in line (b) fills it
      subscription: "unsubscribed", // always the primary's
      createdAt: at("2021-01-01"), // the earliest of all
      version: a.version + 1,
      contactKey: a.contactKey,
    });
    expect(merged!.updatedAt.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
    expect(await db.select().from(contacts).where(inArray(contacts.id, [b.id, c.id]))).toHaveLength(0);
  });

  it("keeps the value the user chose for a field instead of the rule's", async () => {
    const a = await makeContact({ company: "Mine", jobTitle: "Keep me" });
    const b = await makeContact({ company: "Theirs" });
    const out = await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id], overrides: { company: b.id } }, actor);
    expect(out.contact.contact).toMatchObject({ company: "Theirs", jobTitle: "Keep me" });
  });

  it("keeps the primary's custom attribute value, else the most recent secondary's, or the chosen one", async () => {
    const [plan, seats, region] = [await attribute(), await attribute(), await attribute()];
    const a = await makeRichContact({}, { attributes: [{ attributeId: plan, textValue: "basic" }, { attributeId: region, textValue: "EU" }] });
    const b = await makeRichContact({ updatedAt: at("2024-01-01") }, { attributes: [{ attributeId: plan, textValue: "pro" }, { attributeId: seats, textValue: "3" }] });
    const c = await makeRichContact({ updatedAt: at("2025-01-01") }, { attributes: [{ attributeId: seats, textValue: "10" }, { attributeId: region, textValue: "US" }] });
    const [def] = await db.select().from(attributeDefinitions).where(eq(attributeDefinitions.id, region));
    await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id, c.id], overrides: { [`attribute:${def!.key}`]: c.id } }, actor);
    const rows = await db.select().from(contactAttributeValues).where(inArray(contactAttributeValues.attributeId, [plan, seats, region])).orderBy(asc(contactAttributeValues.attributeId));
    expect(rows.map((r) => [r.contactId, r.attributeId, r.textValue])).toEqual([
      [a.id, plan, "basic"],
      [a.id, seats, "10"],
      [a.id, region, "US"],
    ]);
    // Attribute search finds the primary by the values it took over.
    const [merged] = await db.select({ words: contacts.attrWords }).from(contacts).where(eq(contacts.id, a.id));
    for (const word of ["'10'", "'basic'", "'us'"]) expect(merged!.words).toContain(word);
  });
});

describe("mergeContacts: child rows", () => {
  it("unites identifiers, links and tags (overlaps kept once), one primary phone and e-mail", async () => {
    const [shared, onlyB, sharedBC] = [await makeTag(), await makeTag(), await makeTag()];
    const a = await makeRichContact({}, { phones: 2, emails: 1, tagIds: [shared], links: ["https://crm.test/1"], externalIds: 1 });
    const b = await makeRichContact({}, { phones: 1, emails: 2, tagIds: [shared, onlyB, sharedBC], links: ["https://crm.test/1", "https://crm.test/2"], externalIds: 2 });
    const c = await makeRichContact({}, { phones: 1, emails: 1, tagIds: [sharedBC], links: ["https://crm.test/2"] });
    const before = await heldRows([a.id, b.id, c.id]);
    const [primaryPhone] = await db.select().from(contactPhones).where(and(eq(contactPhones.contactId, a.id), eq(contactPhones.isPrimary, true)));

    await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id, c.id] }, actor);
    expect(await lostRows(before)).toEqual([]);
    const held = (await heldRows([a.id])).get(a.id)!;
    expect(held.phones).toHaveLength(4);
    expect(held.emails).toHaveLength(4);
    expect(held.externalIds).toHaveLength(3);
    expect(held.links.sort()).toEqual(["https://crm.test/1", "https://crm.test/2"]);
    expect(held.tags.sort()).toEqual([shared, onlyB, sharedBC].sort());
    const primaries = await db.select().from(contactPhones).where(and(eq(contactPhones.contactId, a.id), eq(contactPhones.isPrimary, true)));
    expect(primaries.map((p) => p.id)).toEqual([primaryPhone!.id]);
    const primaryEmails = await db.select().from(contactEmails).where(and(eq(contactEmails.contactId, a.id), eq(contactEmails.isPrimary, true)));
    expect(primaryEmails).toHaveLength(1);
    // The search document now finds the primary by a secondary's phone and e-mail (both moved in one statement).
    const [merged] = await db.select({ doc: contacts.searchDoc }).from(contacts).where(eq(contacts.id, a.id));
    expect(merged!.doc).toContain(before.get(c.id)!.phones[0]!.slice(1));
    expect(merged!.doc).toContain(before.get(b.id)!.emails[1]!.toLowerCase());
  });

  it("flags a secondary's primary phone when the primary has none, and the primary's first when none is flagged", async () => {
    const a = await makeRichContact({}, { emails: 2 });
    await db.update(contactEmails).set({ isPrimary: false }).where(eq(contactEmails.contactId, a.id));
    const older = await makeRichContact({ updatedAt: at("2024-01-01") }, { phones: 1, emails: 1 });
    const newer = await makeRichContact({ updatedAt: at("2025-01-01") }, { phones: 2, emails: 1 });
    const [newerPrimary] = await db.select().from(contactPhones).where(and(eq(contactPhones.contactId, newer.id), eq(contactPhones.isPrimary, true)));
    const [aFirstEmail] = await db.select().from(contactEmails).where(eq(contactEmails.contactId, a.id)).orderBy(asc(contactEmails.id)).limit(1);
    await mergeContacts({ primaryId: a.id, contactIds: [a.id, older.id, newer.id] }, actor);
    const phones = await db.select().from(contactPhones).where(eq(contactPhones.contactId, a.id));
    expect(phones).toHaveLength(3);
    expect(phones.filter((p) => p.isPrimary).map((p) => p.id)).toEqual([newerPrimary!.id]);
    const emails = await db.select().from(contactEmails).where(eq(contactEmails.contactId, a.id));
    expect(emails).toHaveLength(4);
    expect(emails.filter((e) => e.isPrimary).map((e) => e.id)).toEqual([aFirstEmail!.id]);
  });

  it("moves notes and activities with their timestamps, so the timeline stays chronological", async () => {
    const a = await makeRichContact({}, { notes: [at("2024-03-01")], activities: [at("2024-01-01"), at("2024-06-01")] });
    const b = await makeRichContact({}, { notes: [at("2023-01-01"), at("2025-01-01")], activities: [at("2024-03-01")] });
    await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id] }, actor);
    const timeline = await db.select().from(activities).where(eq(activities.contactId, a.id)).orderBy(asc(activities.occurredAt));
    expect(timeline.map((t) => t.summary)).toEqual(["Called", "Called", "Called", "Merged 2 contacts"]);
    expect(timeline.slice(0, 3).map((t) => t.occurredAt)).toEqual([at("2024-01-01"), at("2024-03-01"), at("2024-06-01")]);
    expect(timeline[3]).toMatchObject({ type: "merged", actorId: actor.id });
    const noteRows = await db.select().from(notes).where(eq(notes.contactId, a.id)).orderBy(asc(notes.createdAt));
    expect(noteRows.map((n) => n.createdAt)).toEqual([at("2023-01-01"), at("2024-03-01"), at("2025-01-01")]);
  });

  it("moves events with the same external_ref on several contacts: the first in rule order keeps the ref, the others lose only the ref", async () => {
    const a = await makeContact({ updatedAt: at("2024-01-01") });
    const b = await makeContact({ updatedAt: at("2024-02-01") });
    const c = await makeContact({ updatedAt: at("2024-03-01") }); // the most recently updated secondary: before b in rule order
    const event = (contactId: number, externalRef: string) => ({ contactId, type: "order" as const, summary: `${externalRef} of ${contactId}`, externalRef });
    await db.insert(activities).values([event(a.id, "shared"), event(b.id, "shared"), event(c.id, "shared"), event(b.id, "b-c"), event(c.id, "b-c"), event(b.id, "b-only")]);

    await mergeContacts({ primaryId: a.id, contactIds: [b.id, a.id, c.id] }, actor);

    const moved = await db.select().from(activities).where(and(eq(activities.contactId, a.id), eq(activities.type, "order")));
    expect(moved.map((e) => [e.summary, e.externalRef]).sort()).toEqual(
      [
        [`shared of ${a.id}`, "shared"],
        [`shared of ${b.id}`, null],
        [`shared of ${c.id}`, null],
        [`b-c of ${b.id}`, null],
        [`b-c of ${c.id}`, "b-c"],
        [`b-only of ${b.id}`, "b-only"],
      ].sort(),
    );
    // A retry of the primary's event still finds exactly that one.
    const retry = await addContactEvent({ contactId: a.id, type: "order", summary: "again", externalRef: "shared" }, actor);
    expect(retry).toMatchObject({ created: false, event: { summary: `shared of ${a.id}` } });
  });

  it("writes one audit entry with the full snapshot of every contact before, and the merged one after", async () => {
    const tag = await makeTag();
    const a = await makeRichContact({ company: "A" }, { phones: 1, tagIds: [tag], notes: [at("2024-01-01")] });
    const b = await makeRichContact({ jobTitle: "B title" }, { emails: 1, links: ["https://crm.test/b"], activities: [at("2024-02-01")] });
    const snapshots = JSON.parse(JSON.stringify(await loadContactSnapshots(db, [a.id, b.id])));
    await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id] }, actor);
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.action, "contact.merge"), eq(auditLog.entityId, String(a.id))));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ entityType: "contact", actorId: actor.id, actorLabel: actor.label });
    expect((entries[0]!.before as { contacts: unknown }).contacts).toEqual(snapshots);
    const after = entries[0]!.after as { contact: { contact: { company: string; jobTitle: string }; phones: unknown[]; emails: unknown[]; links: unknown[] }; mergedContactIds: number[] };
    expect(after.contact.contact).toMatchObject({ company: "A", jobTitle: "B title" });
    expect([after.contact.phones.length, after.contact.emails.length, after.contact.links.length]).toEqual([1, 1, 1]);
    expect(after.mergedContactIds).toEqual([b.id]);
  });
});

describe("mergeContacts: session settings", () => {
  // The merge relaxes the connection's forced custom plans and JIT for itself only: the list's
  // trigram and JSONB filters on the same pooled connection rely on them (db/client.ts).
  it("keeps its plan cache, JIT and lock timeout settings inside its own transaction", async () => {
    // Every connection of the app's pool at once (each query holds its connection for a moment), so
    // the one the merge ran on is among them.
    const everyConnection = async () => {
      const rows = await Promise.all(
        Array.from({ length: POOL_MAX + 2 }, () =>
          db.execute<{ pid: number; plan: string; jit: string; lock: string }>(sql`
            select pg_backend_pid() as pid, current_setting('plan_cache_mode') as plan, current_setting('jit') as jit,
              current_setting('lock_timeout') as lock, pg_sleep(0.05)`),
        ),
      );
      return rows.map(([row]) => row!);
    };
    const before = await everyConnection();
    expect(new Set(before.map((r) => r.pid)).size).toBe(POOL_MAX);
    const settings = ({ plan, jit, lock }: { plan: string; jit: string; lock: string }) => ({ plan, jit, lock });
    expect(before[0]!.plan).toBe("force_custom_plan");
    const [a, b] = [await makeContact(), await makeContact()];
    await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id] }, actor);
    const after = await everyConnection();
    expect(new Set(after.map((r) => r.pid))).toEqual(new Set(before.map((r) => r.pid)));
    for (const row of after) expect(settings(row)).toEqual(settings(before[0]!));
  });
});

describe("redirects", () => {
  it("resolves merged-away ids to the primary, also through an earlier merge", async () => {
    const [a, b, x] = [await makeContact(), await makeContact(), await makeContact()];
    await mergeContacts({ primaryId: b.id, contactIds: [b.id, x.id] }, actor);
    await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id] }, actor);
    expect(await resolveContactId(a.id)).toEqual({ contactId: a.id, mergedFrom: null });
    expect(await resolveContactId(b.id)).toEqual({ contactId: a.id, mergedFrom: { id: b.id, contactKey: b.contactKey } });
    expect(await resolveContactId(x.id)).toEqual({ contactId: a.id, mergedFrom: { id: x.id, contactKey: x.contactKey } });
    expect(await resolveContactId(987_654_321)).toBeNull();
    const rows = await db.select().from(contactRedirects).where(inArray(contactRedirects.oldContactId, [b.id, x.id]));
    expect(rows.map((r) => r.contactId)).toEqual([a.id, a.id]);
  });
});

describe("refusals change nothing", () => {
  async function state(ids: number[]) {
    return JSON.stringify([await loadContactSnapshots(db, ids), [...(await heldRows(ids))]]);
  }

  it("refuses a missing or deleted contact, naming it", async () => {
    const [a, b, gone] = [await makeRichContact({}, { phones: 1, notes: [at("2024-01-01")] }), await makeRichContact({}, { emails: 1 }), await makeContact()];
    await db.delete(contacts).where(eq(contacts.id, gone.id));
    const before = await state([a.id, b.id]);
    const error = await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id, gone.id] }, actor).catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain(`Contact #${gone.id} does not exist or was deleted.`);
    expect(await state([a.id, b.id])).toBe(before);
  });

  it("refuses an already merged contact, saying where it went", async () => {
    const [a, b, c] = [await makeContact({ firstName: "Ada", lastName: "Winner" }), await makeContact(), await makeContact()];
    await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id] }, actor);
    const before = await state([a.id, c.id]);
    const error = await mergeContacts({ primaryId: c.id, contactIds: [c.id, b.id] }, actor).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain(`Contact ${b.contactKey} was already merged into Ada Winner (${a.contactKey}).`);
    expect(await state([a.id, c.id])).toBe(before);
    await expect(previewMerge([c.id, b.id])).rejects.toThrow(/was already merged into/);
  });

  it("refuses the same contact twice, more than 25, fewer than 2, and a primary outside the list", async () => {
    const list = await Promise.all(Array.from({ length: 26 }, () => makeContact()));
    const ids = list.map((c) => c.id);
    const before = await state(ids);
    const cases: [Parameters<typeof mergeContacts>[0], RegExp][] = [
      [{ primaryId: ids[0]!, contactIds: [ids[0]!, ids[1]!, ids[1]!] }, /listed more than once/],
      [{ primaryId: ids[0]!, contactIds: ids }, /At most 25 contacts/],
      [{ primaryId: ids[0]!, contactIds: [ids[0]!] }, /at least 2 contacts/],
      [{ primaryId: ids[2]!, contactIds: [ids[0]!, ids[1]!] }, /primary contact must be one of/],
      [{ primaryId: ids[0]!, contactIds: [ids[0]!, ids[1]!], overrides: { contactKey: ids[1]! } }, /not a field/],
    ];
    for (const [input, message] of cases) {
      const error = await mergeContacts(input, actor).catch((e) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.message).toMatch(message);
    }
    expect(await state(ids)).toBe(before);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "contact.merge"), inArray(auditLog.entityId, ids.map(String))))).toHaveLength(0);
  });

  it("merges 25 contacts (the limit)", async () => {
    const list = await Promise.all(Array.from({ length: 25 }, () => makeRichContact({}, { phones: 1, tagIds: [] })));
    const out = await mergeContacts({ primaryId: list[3]!.id, contactIds: list.map((c) => c.id) }, actor);
    expect(out.mergedContactIds).toHaveLength(24);
    expect(out.contact.phones).toHaveLength(25);
    expect(out.contact.phones.filter((p) => p.isPrimary)).toHaveLength(1);
  });
});

describe("previewMerge", () => {
  it("returns the plan the merge will follow, with the oldest contact as default primary", async () => {
    const a = await makeContact({ company: "Newer", createdAt: at("2024-01-01") });
    const b = await makeContact({ company: "Older", createdAt: at("2020-01-01") });
    const preview = await previewMerge([a.id, b.id]);
    expect(preview.plan.primaryId).toBe(b.id);
    expect(preview.plan.fields.find((f) => f.id === "company")).toMatchObject({ value: "Older", conflict: true });
    expect(preview.contacts.map((s) => s.contact.id)).toEqual([a.id, b.id]);
    const chosen = await previewMerge([a.id, b.id], b.id, { company: a.id });
    expect(chosen.plan.values.company).toBe("Newer");
    // Reads only.
    expect(await db.select().from(contacts).where(inArray(contacts.id, [a.id, b.id]))).toHaveLength(2);
    expect(await db.select().from(contactTags).where(eq(contactTags.contactId, a.id))).toHaveLength(0);
  });
});
