import { and, eq, inArray } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { bulkJobItems, bulkJobs, contacts, contactTags, users } from "@/db/schema";
import { loadSessionUser } from "@/lib/auth/session";
import { stopBoss } from "@/lib/jobs/boss";
import { executeAction } from "@/lib/safe-action";
import { activitiesOf, auditOf, companyIs, makeContacts, makeTag } from "@/lib/testing/bulk-fixtures";
import { actorOf, makeContact, makeUser, unique } from "@/lib/testing/factories";
import { createSegment } from "@/lib/segments/segments";
import { countBulkSelectionAction, startBulkActionAction } from "./actions";
import { runBulkJob } from "./run";
import { countSelection } from "./selection";
import { startBulkAction } from "./start";

afterAll(() => stopBoss());

const tagsOf = async (ids: number[]) =>
  db.select().from(contactTags).where(inArray(contactTags.contactId, ids));
const reload = async (ids: number[]) =>
  (await db.select().from(contacts).where(inArray(contacts.id, ids))).sort((a, b) => a.id - b.id);

describe("bulk actions: effects, timeline and audit", () => {
  it("adds tags set-wise, with one timeline entry per contact that gained a tag and one audit entry", async () => {
    const supervisor = await makeUser("supervisor");
    const [a, b] = [await makeTag(), await makeTag()];
    const company = unique("Co ");
    const people = await makeContacts(4, { company });
    await db.insert(contactTags).values({ contactId: people[0]!.id, tagId: a.id });
    await db.insert(contactTags).values({ contactId: people[0]!.id, tagId: b.id });

    const job = await startBulkAction({ selection: { all: { filter: companyIs(company) } }, change: { action: "add_tags", tagIds: [a.id, b.id] } }, supervisor);
    expect(job).toMatchObject({ status: "completed", total: 4, processed: 4, action: "add_tags" });
    expect(await tagsOf(people.map((p) => p.id))).toHaveLength(8);

    const entries = await activitiesOf(people.map((p) => p.id), "tagged");
    expect(entries.map((e) => e.contactId).sort()).toEqual(people.slice(1).map((p) => p.id).sort());
    const names = [a.name, b.name].sort((x, y) => x.toLowerCase().localeCompare(y.toLowerCase()));
    expect(entries[0]).toMatchObject({ summary: `Tagged “${names[0]}”, “${names[1]}”`, actorId: supervisor.id, payload: { tagIds: [a.id, b.id].sort((x, y) => x - y), bulkJobId: job.id } });

    const audit = await auditOf(job.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "contacts.bulk.add_tags", actorId: supervisor.id, after: { count: 4, params: { tagIds: [a.id, b.id].sort((x, y) => x - y) }, criteria: { all: { segment: "all", filter: companyIs(company) } } } });
  });

  it("removes tags, noting it only where a tag was removed", async () => {
    const supervisor = await makeUser("supervisor");
    const tag = await makeTag();
    const people = await makeContacts(3);
    await db.insert(contactTags).values(people.slice(0, 2).map((p) => ({ contactId: p.id, tagId: tag.id })));
    const job = await startBulkAction({ selection: { ids: people.map((p) => p.id) }, change: { action: "remove_tags", tagIds: [tag.id] } }, supervisor);
    expect(job).toMatchObject({ status: "completed", total: 3, processed: 3 });
    expect(await tagsOf(people.map((p) => p.id))).toEqual([]);
    const entries = await activitiesOf(people.map((p) => p.id), "untagged");
    expect(entries.map((e) => e.summary)).toEqual([`Tag “${tag.name}” removed`, `Tag “${tag.name}” removed`]);
    expect(await auditOf(job.id)).toHaveLength(1);
  });

  it("assigns a favorite agent and clears it, bumping versions and noting the change", async () => {
    const supervisor = await makeUser("supervisor");
    const agent = await makeUser("agent");
    const people = await makeContacts(3);
    await db.update(contacts).set({ favoriteAgentId: agent.id }).where(eq(contacts.id, people[0]!.id));

    const job = await startBulkAction({ selection: { ids: people.map((p) => p.id) }, change: { action: "assign", agentId: agent.id } }, supervisor);
    expect(job.status).toBe("completed");
    const after = await reload(people.map((p) => p.id));
    expect(after.map((c) => c.favoriteAgentId)).toEqual([agent.id, agent.id, agent.id]);
    expect(after.map((c) => c.version)).toEqual([1, 2, 2]);
    const entries = await activitiesOf(people.map((p) => p.id), "assigned");
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ summary: `Favorite agent set to ${agent.name}`, payload: { field: "favoriteAgent", from: null, to: agent.id } });

    await startBulkAction({ selection: { ids: [people[0]!.id] }, change: { action: "assign", agentId: null } }, supervisor);
    expect((await reload([people[0]!.id]))[0]!.favoriteAgentId).toBeNull();
    const cleared = await activitiesOf([people[0]!.id], "assigned");
    expect(cleared).toMatchObject([{ summary: "Favorite agent cleared", payload: { from: agent.id, to: null } }]);

    const inactive = await makeUser("agent");
    await db.update(users).set({ active: false }).where(eq(users.id, inactive.id));
    await expect(startBulkAction({ selection: { ids: [people[1]!.id] }, change: { action: "assign", agentId: inactive.id } }, supervisor)).rejects.toThrow(
      "That agent does not exist or is deactivated.",
    );
  });

  it("sets the subscription status without timeline entries", async () => {
    const admin = await makeUser("admin");
    const people = await makeContacts(2, { subscription: "subscribed" });
    const job = await startBulkAction({ selection: { ids: people.map((p) => p.id) }, change: { action: "subscription", status: "unsubscribed" } }, admin);
    expect(job.status).toBe("completed");
    expect((await reload(people.map((p) => p.id))).map((c) => [c.subscription, c.version])).toEqual([["unsubscribed", 2], ["unsubscribed", 2]]);
    expect(await activitiesOf(people.map((p) => p.id))).toEqual([]);
    expect(await auditOf(job.id)).toMatchObject([{ action: "contacts.bulk.subscription", after: { count: 2, params: { status: "unsubscribed" } } }]);
  });

  it("blocks and unblocks, keeping who and when, with timeline entries", async () => {
    const supervisor = await makeUser("supervisor");
    const people = await makeContacts(2);
    const ids = people.map((p) => p.id);
    await startBulkAction({ selection: { ids }, change: { action: "block" } }, supervisor);
    const blocked = await reload(ids);
    expect(blocked.every((c) => c.blocked && c.blockedAt && c.blockedById === supervisor.id)).toBe(true);
    expect((await activitiesOf(ids, "blocked")).map((e) => e.summary)).toEqual(["Contact blocked", "Contact blocked"]);
    await startBulkAction({ selection: { ids }, change: { action: "block", blocked: false } }, supervisor);
    expect((await reload(ids)).map((c) => [c.blocked, c.blockedAt, c.blockedById])).toEqual([[false, null, null], [false, null, null]]);
    expect(await activitiesOf(ids, "unblocked")).toHaveLength(2);
  });

  it("deletes only after the typed count matches the selection, and keeps the fixed ids", async () => {
    const supervisor = await makeUser("supervisor");
    const company = unique("Junk ");
    const people = await makeContacts(3, { company });
    const selection = { all: { filter: companyIs(company) } };
    await expect(startBulkAction({ selection, change: { action: "delete", confirmCount: 2 } }, supervisor)).rejects.toThrow(
      "The selection now holds 3 contacts, not 2.",
    );
    expect(await reload(people.map((p) => p.id))).toHaveLength(3);
    expect(await db.select().from(bulkJobs).where(eq(bulkJobs.criteria, { all: { segment: "all", filter: companyIs(company) } }))).toEqual([]);

    const job = await startBulkAction({ selection, change: { action: "delete", confirmCount: 3 } }, supervisor);
    expect(job).toMatchObject({ status: "completed", total: 3, processed: 3 });
    // A delete moves them to Trash (SPEC §9): the rows stay, trashed by the supervisor.
    const trashed = await reload(people.map((p) => p.id));
    expect(trashed.map((c) => c.trashedById)).toEqual([supervisor.id, supervisor.id, supervisor.id]);
    const items = await db.select().from(bulkJobItems).where(eq(bulkJobItems.jobId, job.id));
    expect(items.map((i) => i.contactId).sort()).toEqual(people.map((p) => p.id).sort());
    expect(items.every((i) => i.done !== null)).toBe(true);
    expect(await auditOf(job.id)).toMatchObject([{ action: "contacts.bulk.delete", after: { count: 3 } }]);
  });

  it("refuses an empty selection and unknown tags, creating no job", async () => {
    const supervisor = await makeUser("supervisor");
    const tag = await makeTag();
    await expect(
      startBulkAction({ selection: { all: { filter: companyIs(unique("Nobody ")) } }, change: { action: "add_tags", tagIds: [tag.id] } }, supervisor),
    ).rejects.toThrow("No contacts match the selection");
    const [c] = await makeContacts(1);
    await expect(startBulkAction({ selection: { ids: [c!.id] }, change: { action: "add_tags", tagIds: [tag.id + 1_000_000] } }, supervisor)).rejects.toThrow(
      "One of the tags no longer exists.",
    );
  });
});

describe("what a bulk action applies to", () => {
  it("with nothing selected, takes everything in the segment, filter and search, and no more", async () => {
    const supervisor = await makeUser("supervisor");
    const company = unique("Seg ");
    const tok = unique("Zq");
    const [plain, , lead] = await makeContacts(3, { company });
    await db.update(contacts).set({ leadStage: "lead" }).where(eq(contacts.id, lead!.id));
    const [blocked] = await makeContacts(1, { company, blocked: true, blockedAt: new Date() });
    const [archived] = await makeContacts(1, { company, archived: true, archivedAt: new Date() });
    const [mine] = await makeContacts(1, { company, favoriteAgentId: supervisor.id, lastName: tok });
    const filter = companyIs(company);
    const count = (all: object) => countSelection({ all: { filter, ...all } }, supervisor);

    expect(await count({})).toBe(4);
    expect(await count({ segment: "leads" })).toBe(1);
    expect(await count({ segment: "mine" })).toBe(1);
    expect(await count({ segment: "blocked" })).toBe(1);
    expect(await count({ segment: "archived" })).toBe(1);
    expect(await count({ search: tok.toLowerCase() })).toBe(1);
    // Exactly what the list shows: blocked contacts are in their own segment, not in All with a filter.
    const withBlocked = { join: "and" as const, conditions: [...filter.conditions, { field: "blocked", op: "is_true" }] };
    expect(await countSelection({ all: { filter: withBlocked } }, supervisor)).toBe(0);
    expect(await countSelection({ all: { segment: "blocked", filter: withBlocked } }, supervisor)).toBe(1);

    const tag = await makeTag();
    const job = await startBulkAction({ selection: { all: { filter, search: tok } }, change: { action: "add_tags", tagIds: [tag.id] } }, supervisor);
    expect(job.total).toBe(1);
    expect((await tagsOf([plain!.id, lead!.id, blocked!.id, archived!.id, mine!.id])).map((t) => t.contactId)).toEqual([mine!.id]);
  });

  it("takes a saved segment with its own filter and search, and refuses one the user cannot see rather than acting on All", async () => {
    const supervisor = await makeUser("supervisor");
    const other = await makeUser("supervisor");
    const company = unique("Saved ");
    const tok = unique("Sv");
    await makeContacts(2, { company });
    const [match] = await makeContacts(1, { company, lastName: tok });
    const mine = await createSegment({ name: unique("Seg "), filter: companyIs(company), search: tok }, supervisor, actorOf(supervisor));
    const hidden = await createSegment({ name: unique("Seg "), filter: companyIs(company) }, other, actorOf(other));
    expect(await countSelection({ all: { segment: String(mine.id) } }, supervisor)).toBe(1);
    const tag = await makeTag();
    await expect(
      startBulkAction({ selection: { all: { segment: String(hidden.id) } }, change: { action: "add_tags", tagIds: [tag.id] } }, supervisor),
    ).rejects.toThrow("This segment no longer exists, or it is not shared with you.");
    await expect(countSelection({ all: { segment: "everyone" } }, supervisor)).rejects.toThrow();
    expect(await tagsOf([match!.id])).toEqual([]);
  });

  it("fixes the ids at confirmation: contacts that match later are left alone", async () => {
    const supervisor = await makeUser("supervisor");
    const company = unique("Fixed ");
    const tag = await makeTag();
    const before = await makeContacts(3, { company });
    // Queued rather than run inline, so that the set can change before the job runs.
    const job = await startBulkAction({ selection: { all: { filter: companyIs(company) } }, change: { action: "add_tags", tagIds: [tag.id] } }, supervisor, { inlineLimit: 0 });
    expect(job).toMatchObject({ status: "queued", total: 3, processed: 0 });
    const later = await makeContacts(2, { company });
    const done = await runBulkJob(job.id);
    expect(done).toMatchObject({ status: "completed", processed: 3 });
    expect((await tagsOf([...before, ...later].map((c) => c.id))).map((t) => t.contactId).sort()).toEqual(before.map((c) => c.id).sort());
  });

  it("skips contacts deleted between confirmation and run", async () => {
    const supervisor = await makeUser("supervisor");
    const tag = await makeTag();
    const people = await makeContacts(3);
    const job = await startBulkAction({ selection: { ids: people.map((p) => p.id) }, change: { action: "add_tags", tagIds: [tag.id] } }, supervisor, { inlineLimit: 0 });
    await db.delete(contacts).where(eq(contacts.id, people[1]!.id));
    expect(await runBulkJob(job.id)).toMatchObject({ status: "completed", processed: 3 });
    expect((await tagsOf(people.map((p) => p.id))).map((t) => t.contactId).sort()).toEqual([people[0]!.id, people[2]!.id].sort());
  });
});

describe("permissions", () => {
  it("refuses an agent: no count, no job, nothing changed", async () => {
    const agent = await makeUser("agent");
    const contact = await makeContact();
    const session = () => loadSessionUser(agent.id);
    const selection = { ids: [contact.id] };
    const refused = { ok: false, message: "You are not allowed to do that." };
    expect(await executeAction(countBulkSelectionAction, session, { selection })).toEqual(refused);
    expect(await executeAction(startBulkActionAction, session, { selection, change: { action: "delete", confirmCount: 1 } })).toEqual(refused);
    await expect(startBulkAction({ selection, change: { action: "block" } }, agent)).rejects.toThrow("Only supervisors and admins");
    expect(await reload([contact.id])).toMatchObject([{ blocked: false }]);
    expect(await db.select().from(bulkJobs).where(and(eq(bulkJobs.createdById, agent.id)))).toEqual([]);
  });

  it("lets a supervisor count and start through the action definitions", async () => {
    const supervisor = await makeUser("supervisor");
    const session = () => loadSessionUser(supervisor.id);
    const people = await makeContacts(2);
    const selection = { ids: people.map((p) => p.id) };
    expect(await executeAction(countBulkSelectionAction, session, { selection })).toEqual({ ok: true, data: { count: 2 } });
    const result = await executeAction(startBulkActionAction, session, { selection, change: { action: "delete", confirmCount: 2 } });
    expect(result).toMatchObject({ ok: true, message: "Moved 2 contacts to Trash.", data: { status: "completed", total: 2 } });
    const wrong = await executeAction(startBulkActionAction, session, { selection: { ids: [1, 2] }, change: { action: "nuke" } });
    expect(wrong).toMatchObject({ ok: false, message: "Please correct the highlighted fields." });
  });
});
