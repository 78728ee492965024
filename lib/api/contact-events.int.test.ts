import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { activities, auditLog, contacts, type Contact, type User } from "@/db/schema";
import { GET, POST } from "@/app/api/v1/contacts/[contactId]/activities/route";
import { ACTIVITY_LABELS, listTimeline } from "@/lib/contacts/activity";
import { mergeContacts } from "@/lib/contacts/merge";
import { addNote } from "@/lib/contacts/notes";
import { makeToken } from "@/lib/testing/api-tokens";
import { actorOf, makeContact, makeUser, unique } from "@/lib/testing/factories";

/** GET/POST /api/v1/contacts/{contact_id}/activities, called in-process against the real database. */
let admin: User;
let tokenName: string;
let write: Record<string, string>;
beforeAll(async () => {
  admin = await makeUser("admin");
  tokenName = unique("Shop ");
  write = { authorization: `Bearer ${(await makeToken(admin, "write", tokenName)).secret}` };
});

interface Event {
  id: number;
  type: string;
  occurred_at: string;
  summary: string;
  payload: Record<string, unknown>;
  external_ref: string | null;
}
type ErrorBody = { error: { code: string; message: string; details?: Record<string, string[]> } };

const path = (key: string, query = "") => `http://localhost/api/v1/contacts/${encodeURIComponent(key)}/activities${query}`;
const params = (key: string) => ({ params: Promise.resolve({ contactId: key }) });
const post = (key: string, body: unknown) =>
  POST(new Request(path(key), { method: "POST", headers: { ...write, "content-type": "application/json" }, body: JSON.stringify(body) }), params(key));
const get = (key: string, query = "") => GET(new Request(path(key, query), { headers: write }), params(key));
const page = async (key: string, query = "") => (await (await get(key, query)).json()) as { data: Event[]; next_cursor: string | null };
const reload = async (c: Contact) => (await db.select().from(contacts).where(eq(contacts.id, c.id)))[0]!;
const eventCount = async (c: Contact) => (await db.select({ n: count() }).from(activities).where(eq(activities.contactId, c.id)))[0]!.n;

describe("POST /api/v1/contacts/{contact_id}/activities", () => {
  it("adds the event (201), audited as the token, and shows it on the profile's timeline as the sender sent it", async () => {
    const c = await makeContact();
    const response = await post(c.contactKey, {
      type: "custom",
      occurred_at: "2025-03-01T14:30:00+01:00",
      summary: "Webinar attended",
      payload: { webinar: { id: 7, title: "Onboarding" }, minutes: 42 },
      external_ref: "webinar-7",
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("ratelimit-remaining")).toMatch(/^\d+$/);
    const event = (await response.json()) as Event;
    expect(event).toEqual({
      id: expect.any(Number),
      type: "custom",
      occurred_at: "2025-03-01T13:30:00.000Z",
      summary: "Webinar attended",
      payload: { webinar: { id: 7, title: "Onboarding" }, minutes: 42 },
      external_ref: "webinar-7",
    });

    const timeline = await listTimeline(c.id);
    expect(timeline.entries.map((e) => [e.id, ACTIVITY_LABELS[e.type], e.summary])).toContainEqual([event.id, "Event", "Webinar attended"]);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, String(c.id)), eq(auditLog.action, "contact.activity.add")));
    expect(audit).toMatchObject({ actorLabel: `API token ${tokenName}`, actorId: null, entityType: "contact" });
    expect((await reload(c)).version).toBe(c.version + 1);
  });

  it("defaults occurred_at to now and the payload to an empty object", async () => {
    const c = await makeContact();
    const started = Date.now();
    const event = (await (await post(c.contactKey, { type: "ticket", summary: "Ticket #88 opened" })).json()) as Event;
    expect(Date.parse(event.occurred_at)).toBeGreaterThanOrEqual(started - 5_000);
    expect(Date.parse(event.occurred_at)).toBeLessThanOrEqual(Date.now() + 5_000);
    expect(event).toMatchObject({ type: "ticket", payload: {}, external_ref: null });
  });

  it.each([
    ["an app-only type", { type: "merged", summary: "x" }, "type"],
    ["an unknown type", { type: "meeting", summary: "x" }, "type"],
    ["no summary", { type: "call" }, "summary"],
    ["a blank summary", { type: "call", summary: "   " }, "summary"],
    ["a summary over 500 characters", { type: "call", summary: "x".repeat(501) }, "summary"],
    ["a summary on two lines", { type: "call", summary: "one\ntwo" }, "summary"],
    ["a time that is not ISO 8601", { type: "call", summary: "x", occurred_at: "yesterday" }, "occurred_at"],
    ["a time without a time zone", { type: "call", summary: "x", occurred_at: "2025-03-01T14:30:00" }, "occurred_at"],
    ["a time days in the future", { type: "call", summary: "x", occurred_at: new Date(Date.now() + 3 * 86_400_000).toISOString() }, "occurred_at"],
    ["a payload that is an array", { type: "order", summary: "x", payload: [1, 2] }, "payload"],
    ["a payload that is a string", { type: "order", summary: "x", payload: "{}" }, "payload"],
    ["a payload holding NUL", { type: "order", summary: "x", payload: { note: "a\u0000b" } }, "payload"],
    ["an empty external_ref", { type: "order", summary: "x", external_ref: "" }, "external_ref"],
    ["an external_ref over 255 characters", { type: "order", summary: "x", external_ref: "r".repeat(256) }, "external_ref"],
  ])("refuses %s with 422 naming the field, and adds nothing", async (_, body, field) => {
    const c = await makeContact();
    const before = await eventCount(c);
    const response = await post(c.contactKey, body);
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe("validation_failed");
    expect(Object.keys(error.details ?? {})).toEqual([field]);
    expect(await eventCount(c)).toBe(before);
  });

  it("takes a payload of exactly 16 KB serialized and refuses one byte more with 422", async () => {
    const c = await makeContact();
    const sized = (bytes: number) => ({ data: "x".repeat(bytes - JSON.stringify({ data: "" }).length) });
    expect(JSON.stringify(sized(16_384)).length).toBe(16_384);
    expect((await post(c.contactKey, { type: "order", summary: "Big", payload: sized(16_384) })).status).toBe(201);
    const refused = await post(c.contactKey, { type: "order", summary: "Too big", payload: sized(16_385) });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ErrorBody).error.details?.payload?.[0]).toMatch(/16385 bytes.*16384 bytes/);
    // Multi-byte characters count as the bytes they take, not as characters.
    const wide = await post(c.contactKey, { type: "order", summary: "Wide", payload: { data: "é".repeat(8_200) } });
    expect(wide.status).toBe(422);
  });
});

describe("external_ref: one event per sender's id and contact", () => {
  it("answers a repeat with the first event (200), adding nothing and auditing nothing; another contact may hold the same ref", async () => {
    const [c, other] = [await makeContact(), await makeContact()];
    const first = await post(c.contactKey, { type: "order", summary: "Order 1 paid", external_ref: "order-1" });
    expect(first.status).toBe(201);
    const event = (await first.json()) as Event;
    const version = (await reload(c)).version;

    const repeat = await post(c.contactKey, { type: "order", summary: "Order 1 paid (retry, other words)", external_ref: "order-1" });
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual(event);
    expect(await db.select().from(activities).where(and(eq(activities.contactId, c.id), eq(activities.externalRef, "order-1")))).toHaveLength(1);
    expect((await reload(c)).version).toBe(version);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, String(c.id)), eq(auditLog.action, "contact.activity.add")));
    expect(audits).toHaveLength(1);

    expect((await post(other.contactKey, { type: "order", summary: "Order 1 paid", external_ref: "order-1" })).status).toBe(201);
  });

  it("gives one event to concurrent POSTs with the same ref: one 201, the rest 200 with that event", async () => {
    const c = await makeContact();
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => post(c.contactKey, { type: "call", summary: `Call try ${i}`, external_ref: "call-77" })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as Event).id));
    expect(new Set(ids).size).toBe(1);
    expect(await db.select().from(activities).where(and(eq(activities.contactId, c.id), eq(activities.externalRef, "call-77")))).toHaveLength(1);
  });
});

describe("last_interaction_at", () => {
  it("follows calls and messages to their latest time, never back, and ignores orders, tasks, tickets and custom events", async () => {
    const c = await makeContact({ lastInteractionAt: null });
    const at = (iso: string) => `${iso}T10:00:00.000Z`;
    const last = async () => (await reload(c)).lastInteractionAt?.toISOString() ?? null;

    for (const type of ["task", "order", "ticket", "custom"]) await post(c.contactKey, { type, summary: type, occurred_at: at("2025-02-01") });
    expect(await last()).toBeNull();
    await post(c.contactKey, { type: "call", summary: "Inbound call", occurred_at: at("2025-01-10") });
    expect(await last()).toBe(at("2025-01-10"));
    await post(c.contactKey, { type: "message", summary: "Old SMS, sent late", occurred_at: at("2024-12-01") });
    expect(await last()).toBe(at("2025-01-10"));
    await post(c.contactKey, { type: "task", summary: "Later task", occurred_at: at("2025-03-01") });
    expect(await last()).toBe(at("2025-01-10"));
    await post(c.contactKey, { type: "message", summary: "WhatsApp reply", occurred_at: at("2025-01-20") });
    expect(await last()).toBe(at("2025-01-20"));
  });
});

describe("GET /api/v1/contacts/{contact_id}/activities", () => {
  it("lists the timeline newest first by occurred_at, whatever order the events were sent in, in cursor pages", async () => {
    const c = await makeContact();
    for (const day of ["05", "01", "09", "03", "07"]) {
      await post(c.contactKey, { type: "order", summary: `Order of the ${day}th`, occurred_at: `2024-06-${day}T08:00:00Z` });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const p: { data: Event[]; next_cursor: string | null } = await page(c.contactKey, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(p.data.length).toBeLessThanOrEqual(2);
      seen.push(...p.data.map((e) => e.summary));
      cursor = p.next_cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(["09", "07", "05", "03", "01"].map((d) => `Order of the ${d}th`));
    expect(pages).toBe(3);
  });

  it("shows the payload of sent events only: the app's own events keep theirs (internal ids)", async () => {
    const c = await makeContact();
    await addNote({ contactId: c.id, body: "Internal" }, actorOf(admin));
    await post(c.contactKey, { type: "call", summary: "Call", payload: { seconds: 30 } });
    const { data } = await page(c.contactKey);
    expect(data.find((e) => e.type === "note")?.payload).toEqual({});
    expect(data.find((e) => e.type === "call")?.payload).toEqual({ seconds: 30 });
  });

  it("refuses a limit out of range or a forged cursor (400); another contact's cursor gives an empty page, not the first", async () => {
    const [c, other] = [await makeContact(), await makeContact()];
    for (const query of ["?limit=0", "?limit=101", "?cursor=not*ours"]) expect((await get(c.contactKey, query)).status, query).toBe(400);
    await post(c.contactKey, { type: "call", summary: "Mine" });
    const foreign = (await (await post(other.contactKey, { type: "call", summary: "Theirs" })).json()) as Event;
    const cursor = Buffer.from(String(foreign.id)).toString("base64url");
    expect(await page(c.contactKey, `?cursor=${cursor}`)).toEqual({ data: [], next_cursor: null });
  });
});

describe("a Contact ID in the path", () => {
  it("redirects a merged-away one (308) to the primary's, keeping /activities, for GET and POST; 404 for an unknown one", async () => {
    const [a, b] = [await makeContact(), await makeContact()];
    await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id] }, actorOf(admin));
    const moved = `http://localhost/api/v1/contacts/${a.contactKey}/activities`;
    const redirected = [
      [await get(b.contactKey, "?limit=5"), `${moved}?limit=5`],
      [await post(b.contactKey, { type: "call", summary: "x" }), moved],
    ] as const;
    for (const [response, location] of redirected) {
      expect(response.status).toBe(308);
      expect(response.headers.get("location")).toBe(location);
    }
    expect((await listTimeline(a.id)).entries.map((e) => e.type)).toEqual(["merged"]); // the redirected POST added nothing
    for (const response of [await get("C-NOPE0000"), await post("C-NOPE0000", { type: "call", summary: "x" })]) {
      expect(response.status).toBe(404);
      expect(((await response.json()) as ErrorBody).error.code).toBe("not_found");
    }
  });
});
