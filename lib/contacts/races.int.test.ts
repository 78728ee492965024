import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { activities, contacts, notes, type User } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import { startBulkAction } from "@/lib/bulk/start";
import { DomainError } from "@/lib/errors";
import { configureAndQueue, counts, importPhone, loadJob, uploadCsv } from "@/lib/import/test-helpers";
import { runImportJob } from "@/lib/import/job/run-job";
import { inboundBody } from "@/lib/inbound/body";
import { receiveInbound } from "@/lib/inbound/receive";
import { stopBoss } from "@/lib/jobs/boss";
import { holdersOfEmails, holdersOfPhones, inconsistencies, within } from "@/lib/testing/consistency";
import { actorOf, makeUser, unique } from "@/lib/testing/factories";
import { heldRows, lostRows, makeRichContact, makeTag } from "@/lib/testing/merge-fixtures";
import { addEmail } from "./identifiers";
import { mergeContacts, resolveContactId } from "./merge";
import { addNote } from "./notes";

/**
 * Security issue #19, races: writers of different kinds on the same contacts at once (merges, edits,
 * imports, bulk deletes, inbound messages), each on connections of its own from the app's pool (so on
 * backends of its own). After each round, whatever won: no lost identifier, no orphan row, no half merge, and every loser got a clear
 * domain error; nothing may hang (`within`).
 * merge-concurrency.int.test.ts races two merges with raw edits; here the edits go through the app.
 */

let supervisor: User;
let actor: Actor;

beforeAll(async () => {
  supervisor = await makeUser("supervisor");
  actor = actorOf(supervisor);
});

afterAll(async () => {
  await stopBoss();
});

const jitter = () => new Promise((r) => setTimeout(r, Math.random() * 10));
const mail = (p = "r") => `${unique(p)}@race.test`;

async function people(n: number) {
  const shared = await makeTag();
  const day = (d: number) => new Date(Date.UTC(2024, 0, d));
  return Promise.all(
    Array.from({ length: n }, async () =>
      makeRichContact({}, { phones: 1, emails: 1, externalIds: 1, tagIds: [shared], links: ["https://crm.test/r"], notes: [day(1)], activities: [day(2)] }),
    ),
  );
}

/** Where a contact's rows are now: itself, or the primary it was merged into (null: deleted). */
async function whereIs(id: number): Promise<number | null> {
  return (await resolveContactId(id))?.contactId ?? null;
}

/** Every racer that lost was told why (a domain error), never handed a raw database error. */
function expectClearRefusals(results: PromiseSettledResult<unknown>[]) {
  for (const [i, r] of results.entries()) if (r.status === "rejected") expect(r.reason, `racer ${i}: ${String(r.reason)}`).toBeInstanceOf(DomainError);
}

describe("races on the same contacts", () => {
  it("merges over overlapping sets and edits through the app: nothing lost, no half merge, each loser told why", async () => {
    for (let round = 0; round < 4; round++) {
      const cs = await people(6);
      const ids = cs.map((c) => c.id);
      const before = await heldRows(ids);
      const added = cs.map(() => mail("edit"));
      const sets = [[0, 1], [1, 2], [2, 3], [3, 4, 5]];
      const results = await within(
        20_000,
        Promise.allSettled([
          ...sets.map((set) =>
            jitter().then(() => mergeContacts({ primaryId: ids[set[0]!]!, contactIds: set.map((k) => ids[k]!) }, actor)),
          ),
          ...cs.map((c, i) => jitter().then(() => addEmail({ contactId: c.id, version: c.version, email: added[i]! }, actor))),
          ...cs.map((c) => jitter().then(() => addNote({ contactId: c.id, body: `Race note ${c.id}` }, actor))),
        ]),
      );
      expectClearRefusals(results);
      expect(results.slice(0, sets.length).some((r) => r.status === "fulfilled")).toBe(true);
      expect(await lostRows(before)).toEqual([]);
      const emails = await holdersOfEmails(added);
      const noted = await db.select().from(notes).where(inArray(notes.body, ids.map((id) => `Race note ${id}`)));
      for (const [i, c] of cs.entries()) {
        const home = await whereIs(c.id);
        // A saved edit is never dropped by a merge that ran after it.
        if (results[sets.length + i]!.status === "fulfilled") expect(emails.get(added[i]!), `e-mail added to ${c.id}`).toBe(home);
        if (results[sets.length + cs.length + i]!.status === "fulfilled") {
          expect(noted.find((n) => n.body === `Race note ${c.id}`)?.contactId, `note of ${c.id}`).toBe(home);
        }
      }
      expect(await inconsistencies(ids)).toEqual([]);
    }
  });

  it("an import, a merge and a bulk delete on the same contacts: each contact's rows end on a live contact or in Trash", async () => {
    for (let round = 0; round < 4; round++) {
      const [m1, m2, m3, d1, d2, other] = await people(6);
      const ids = [m1, m2, m3, d1, d2, other].map((c) => c!.id);
      const doomed = new Set([m3!.id, d1!.id, d2!.id]);
      const before = await heldRows(ids);
      const phoneOf = async (id: number) => [...(before.get(id)?.phones ?? [])][0]!;
      const fresh = { phone: importPhone(), emails: [mail("i"), mail("i"), mail("i"), mail("i"), mail("i")] };
      const rows = [
        [await phoneOf(m2!.id), fresh.emails[0]],
        [await phoneOf(other!.id), fresh.emails[1]],
        [await phoneOf(d1!.id), fresh.emails[2]],
        [fresh.phone, fresh.emails[3]],
        [await phoneOf(m3!.id), fresh.emails[4]],
      ];
      const draft = await uploadCsv(supervisor, `Phone,Email\n${rows.map((r) => r.join(",")).join("\n")}\n`);
      await configureAndQueue(supervisor, draft.job.id, draft.mapping);

      const results = await within(
        30_000,
        Promise.allSettled([
          jitter().then(() => runImportJob(draft.job.id, { batchSize: 2 })),
          jitter().then(() => mergeContacts({ primaryId: m1!.id, contactIds: [m1!.id, m2!.id, m3!.id] }, actor)),
          jitter().then(() => startBulkAction({ selection: { ids: [...doomed] }, change: { action: "delete", confirmCount: 3 } }, supervisor)),
        ]),
      );
      expectClearRefusals(results);
      expect(results[0]).toMatchObject({ status: "fulfilled", value: "completed" });
      const job = await loadJob(draft.job.id);
      const c = counts(job);
      expect(c.created + c.merged + c.skipped + c.failed, JSON.stringify(c)).toBe(rows.length);
      expect(c.failed, job.lastError ?? "").toBe(0);

      expect(await lostRows(before, doomed)).toEqual([]);
      // Rows of contacts nobody deletes land where those contacts are now, phone and e-mail together.
      const phones = await holdersOfPhones([fresh.phone, ...rows.map((r) => r[0]!)]);
      const emails = await holdersOfEmails(fresh.emails);
      expect(emails.get(fresh.emails[0]!)).toBe(await whereIs(m2!.id));
      expect(emails.get(fresh.emails[1]!)).toBe(other!.id);
      expect(emails.get(fresh.emails[3]!)).toBeDefined();
      expect(phones.get(fresh.phone)).toBe(emails.get(fresh.emails[3]!));
      if (results[2].status === "fulfilled" && results[2].value.status === "completed") {
        // A delete moves to Trash (SPEC §9): d2 stays there; d1 too, unless the import's row with its phone came after and restored it.
        const left = await db.select({ id: contacts.id, trashedAt: contacts.trashedAt }).from(contacts).where(inArray(contacts.id, [d1!.id, d2!.id]));
        expect(left.find((r) => r.id === d2!.id)?.trashedAt).toBeInstanceOf(Date);
        expect(left.map((r) => r.id).sort()).toEqual([d1!.id, d2!.id].sort());
      }
      const touched = [...ids, ...phones.values(), ...emails.values()];
      expect(await inconsistencies(touched)).toEqual([]);
    }
  });

  it("two imports of the same file at once end as one import would: one contact per person, nothing failed", async () => {
    for (let round = 0; round < 3; round++) {
      const [known] = await people(1);
      const knownPhone = [...(await heldRows([known!.id])).get(known!.id)!.phones][0]!;
      const persons = Array.from({ length: 6 }, () => ({ phone: importPhone(), email: mail("twin") }));
      const lines = [
        ...persons.map((p) => `${p.phone},${p.email}`),
        `${knownPhone},${mail("known")}`,
        `${persons[0]!.phone},${mail("dup")}`, // the same person again, later in the file
      ];
      const file = `Phone,Email\n${lines.join("\n")}\n`;
      const jobs = [await uploadCsv(supervisor, file), await uploadCsv(supervisor, file)];
      for (const d of jobs) await configureAndQueue(supervisor, d.job.id, d.mapping);

      const results = await within(
        30_000,
        Promise.all(jobs.map((d) => jitter().then(() => runImportJob(d.job.id, { batchSize: 3 })))),
      );
      expect(results).toEqual(["completed", "completed"]);
      const finished = await Promise.all(jobs.map((d) => loadJob(d.job.id)));
      for (const j of finished) expect(counts(j).failed, j.lastError ?? "").toBe(0);

      const phones = await holdersOfPhones(persons.map((p) => p.phone));
      const emails = await holdersOfEmails(persons.map((p) => p.email));
      for (const p of persons) {
        expect(phones.get(p.phone), p.phone).toBeDefined();
        expect(emails.get(p.email), `${p.email} beside ${p.phone}`).toBe(phones.get(p.phone));
      }
      expect(new Set(phones.values()).size).toBe(persons.length);
      const created = finished.reduce((n, j) => n + j.createdCount, 0);
      expect(created).toBe(persons.length);
      const [live] = await db.select().from(contacts).where(eq(contacts.id, known!.id));
      expect(live).toBeDefined();
      expect(await inconsistencies([known!.id, ...phones.values()])).toEqual([]);
    }
  });

  it("inbound messages while their senders' contacts are merged over overlapping sets: every message on a live contact, where its sender is now; one contact per new number", async () => {
    for (let round = 0; round < 4; round++) {
      const cs = await people(3);
      const ids = cs.map((c) => c.id);
      const before = await heldRows(ids);
      const phones = ids.map((id) => [...before.get(id)!.phones][0]!);
      const fresh = importPhone();
      const senders = [...phones, fresh, fresh, phones[1]!];
      const messages = senders.map((from) => inboundBody.parse({ channel: "sms", from, message_id: unique("race-"), text: "Race" }));
      const results = await within(
        20_000,
        Promise.allSettled([
          jitter().then(() => mergeContacts({ primaryId: ids[0]!, contactIds: [ids[0]!, ids[1]!] }, actor)),
          jitter().then(() => mergeContacts({ primaryId: ids[2]!, contactIds: [ids[2]!, ids[1]!] }, actor)),
          ...messages.map((m) => jitter().then(() => receiveInbound(m, actor))),
        ]),
      );
      expectClearRefusals(results);
      expect(results.slice(0, 2).some((r) => r.status === "fulfilled")).toBe(true);
      // A message is never refused for a merge: it waits for it, or goes first and moves with the contact.
      expect(results.slice(2).map((r) => (r.status === "rejected" ? String(r.reason) : r.status))).toEqual(messages.map(() => "fulfilled"));

      const refs = messages.map((m) => `sms:${m.message_id}`);
      const landed = new Map(
        (await db.select({ ref: activities.externalRef, contactId: activities.contactId }).from(activities).where(inArray(activities.externalRef, refs))).map((a) => [a.ref, a.contactId]),
      );
      expect(landed.size).toBe(messages.length);
      const freshHolder = (await holdersOfPhones([fresh])).get(fresh);
      expect(freshHolder).toBeDefined();
      for (const [i, ref] of refs.entries()) {
        const expected = senders[i] === fresh ? freshHolder : await whereIs(ids[phones.indexOf(senders[i]!)]!);
        expect(landed.get(ref), `message ${i} from ${senders[i]}`).toBe(expected);
      }
      expect(await lostRows(before)).toEqual([]);
      expect(await inconsistencies([...ids, freshHolder!])).toEqual([]);
    }
  });
});
