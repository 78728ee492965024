import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { attributeDefinitions, auditLog } from "@/db/schema";
import { actorOf, makeContact, makeUser, unique } from "@/lib/testing/factories";
import { filterFields } from "@/lib/filters/fields";
import type { Filter } from "@/lib/filters/schema";
import { segments as segmentsTable } from "@/db/schema";
import { segmentsWithCounts } from "./counts";
import { createSegment, deleteSegment, mayChangeSegment, resolveView, updateSegment, visibleSegments } from "./segments";

const NONE: Filter = { join: "and", conditions: [] };
let tok: string;
let names: Map<number, string>;

async function namesIn(where: ReturnType<typeof sql>) {
  const rows = await db.execute<{ id: number }>(sql`select c.id from contacts c where c.last_name = ${tok} and ${where} order by c.first_name`);
  return rows.map((r) => names.get(Number(r.id)));
}

beforeAll(async () => {
  tok = unique("Sg");
  const made = await Promise.all([
    makeContact({ firstName: "Live", lastName: tok, country: "DE" }),
    makeContact({ firstName: "Blocked", lastName: tok, blocked: true, blockedAt: new Date() }),
    makeContact({ firstName: "Archived", lastName: tok, archived: true, archivedAt: new Date() }),
    makeContact({ firstName: "Lead", lastName: tok, leadStage: "lead", country: "FR" }),
  ]);
  names = new Map(made.map((c) => [c.id, c.firstName!]));
});

async function ctxFor(userId: number) {
  return { fields: filterFields(await db.select().from(attributeDefinitions)), userId };
}

describe("segments", () => {
  it("built-ins: All leaves out blocked and archived, which have their own", async () => {
    const user = await makeUser("agent");
    const ctx = await ctxFor(user.id);
    const view = async (segment: string) => namesIn((await resolveView(segment, NONE, user, ctx)).where);
    expect(await view("all")).toEqual(["Lead", "Live"]);
    expect(await view("blocked")).toEqual(["Blocked"]);
    expect(await view("archived")).toEqual(["Archived"]);
    expect(await view("leads")).toEqual(["Lead"]);
    expect(await view("nonsense")).toEqual(["Lead", "Live"]);
  });

  it("saves a filter, shows it to its owner and, when shared, to the team; only the owner changes it", async () => {
    const supervisor = await makeUser("supervisor");
    const agent = await makeUser("agent");
    const filter: Filter = { join: "and", conditions: [{ field: "country", op: "any_of", value: ["DE"] }] };
    const mine = await createSegment({ name: unique("Private "), filter }, agent, actorOf(agent));
    const shared = await createSegment({ name: unique("Shared "), filter, shared: true }, supervisor, actorOf(supervisor));
    await expect(createSegment({ name: "x", filter, shared: true }, agent, actorOf(agent))).rejects.toThrow(/Only supervisors and admins/);

    const agentSees = (await visibleSegments(agent)).map((s) => s.id);
    expect(agentSees).toEqual(expect.arrayContaining([mine.id, shared.id]));
    expect((await visibleSegments(supervisor)).map((s) => s.id)).not.toContain(mine.id);

    const ctx = await ctxFor(agent.id);
    const view = await resolveView(String(shared.id), NONE, agent, ctx);
    expect(view.segment).toBe(String(shared.id));
    expect(await namesIn(view.where)).toEqual(["Live"]);
    // Someone else's private segment is not reachable by id.
    expect((await resolveView(String(mine.id), NONE, supervisor, await ctxFor(supervisor.id))).segment).toBe("all");

    await expect(updateSegment(shared.id, { name: "Hijacked" }, agent, actorOf(agent))).rejects.toThrow(/Only its owner or an admin/);
    await expect(deleteSegment(shared.id, agent, actorOf(agent))).rejects.toThrow(/Only its owner or an admin/);
    const renamed = await updateSegment(mine.id, { name: "Renamed" }, agent, actorOf(agent));
    expect(renamed.name).toBe("Renamed");
    // A rename changes nothing else: the shared segment stays shared, with its search.
    const searched = await createSegment({ name: unique("Searched "), filter, search: tok, shared: true }, supervisor, actorOf(supervisor));
    expect(await updateSegment(searched.id, { name: unique("Renamed ") }, supervisor, actorOf(supervisor))).toMatchObject({ shared: true, search: tok, filter });
    await deleteSegment(mine.id, agent, actorOf(agent));
    expect((await visibleSegments(agent)).map((s) => s.id)).not.toContain(mine.id);
  });

  it("lets the owner, or an admin for a shared segment, update its conditions; audits who did", async () => {
    const owner = await makeUser("supervisor");
    const otherSupervisor = await makeUser("supervisor");
    const agent = await makeUser("agent");
    const admin = await makeUser("admin");
    const de: Filter = { join: "and", conditions: [{ field: "country", op: "any_of", value: ["DE"] }] };
    const fr: Filter = { join: "and", conditions: [{ field: "country", op: "any_of", value: ["FR"] }] };
    const shared = await createSegment({ name: unique("Team "), filter: de, shared: true }, owner, actorOf(owner));
    const ownersPrivate = await createSegment({ name: unique("Own "), filter: de }, owner, actorOf(owner));
    const view = async (id: number, user = owner) => namesIn((await resolveView(String(id), NONE, user, await ctxFor(user.id))).where);

    // Neither an agent nor another supervisor may change a shared segment they do not own.
    for (const user of [agent, otherSupervisor]) {
      expect(mayChangeSegment(shared, user)).toBe(false);
      await expect(updateSegment(shared.id, { filter: fr }, user, actorOf(user))).rejects.toThrow("Only its owner or an admin can change a shared segment.");
    }
    expect(await view(shared.id)).toEqual(["Live"]);

    // The owner may; the list then shows the new conditions, and the audit log has before and after.
    expect(mayChangeSegment(shared, owner)).toBe(true);
    await updateSegment(shared.id, { filter: fr, search: "" }, owner, actorOf(owner));
    expect(await view(shared.id)).toEqual(["Lead"]);
    const [ownerEntry] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, String(shared.id)), eq(auditLog.action, "segment.update")));
    expect(ownerEntry).toMatchObject({ actorId: owner.id, before: { filter: de }, after: { filter: fr } });

    // An admin may correct a shared segment, audited as the admin, but may not unshare it ...
    expect(mayChangeSegment(shared, admin)).toBe(true);
    await updateSegment(shared.id, { filter: de }, admin, actorOf(admin));
    expect(await view(shared.id, agent)).toEqual(["Live"]);
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.entityId, String(shared.id)), eq(auditLog.action, "segment.update"), eq(auditLog.actorId, admin.id)));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ before: { filter: fr }, after: { filter: de, ownerId: owner.id } });
    await expect(updateSegment(shared.id, { shared: false }, admin, actorOf(admin))).rejects.toThrow("Only its owner can change who sees a segment.");
    // ... and cannot reach someone's private segment at all.
    expect(mayChangeSegment(ownersPrivate, admin)).toBe(false);
    await expect(updateSegment(ownersPrivate.id, { filter: fr }, admin, actorOf(admin))).rejects.toThrow("That segment no longer exists.");
    await expect(deleteSegment(ownersPrivate.id, admin, actorOf(admin))).rejects.toThrow("That segment no longer exists.");

    // A bad filter is refused before anything is written.
    await expect(updateSegment(shared.id, { filter: { join: "xor" } as unknown as Filter }, owner, actorOf(owner))).rejects.toThrow();
    expect(await view(shared.id)).toEqual(["Live"]);
  });

  it("combines a segment with the URL's filter", async () => {
    const user = await makeUser("supervisor");
    const ctx = await ctxFor(user.id);
    const filter: Filter = { join: "and", conditions: [{ field: "country", op: "any_of", value: ["FR"] }] };
    expect(await namesIn((await resolveView("all", filter, user, ctx)).where)).toEqual(["Lead"]);
    expect(await namesIn((await resolveView("blocked", filter, user, ctx)).where)).toEqual([]);
  });

  it("counts every segment, applies a saved segment's search, and flags a filter that no longer compiles", async () => {
    const user = await makeUser("supervisor");
    const ctx = await ctxFor(user.id);
    const byTok = await createSegment({ name: unique("Tok "), filter: NONE, search: tok }, user, actorOf(user));
    const [broken] = await db
      .insert(segmentsTable)
      .values({ name: unique("Broken "), ownerId: user.id, filter: { join: "and", conditions: [{ field: "attr:gone", op: "is", value: "x" }] } })
      .returning();
    expect(await namesIn((await resolveView(String(byTok.id), NONE, user, ctx)).where)).toEqual(["Lead", "Live"]);
    const summaries = await segmentsWithCounts(db, user, ctx);
    expect(summaries.slice(0, 6).map((s) => s.key)).toEqual(["all", "mine", "leads", "anonymous", "blocked", "archived"]);
    expect(summaries.find((s) => s.key === String(byTok.id))?.total).toEqual({ count: 2, exact: true });
    expect(summaries.find((s) => s.key === String(broken!.id))?.total).toBeNull();
  });
});

