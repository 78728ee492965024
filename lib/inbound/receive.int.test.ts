import { and, count, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { activities, auditLog, contactEmails, contactExternalIds, contactPhones, contacts, inboundRefusals, type User } from "@/db/schema";
import { POST } from "@/app/api/v1/inbound/route";
import { builtinPredicate } from "@/lib/segments/builtins";
import { makeToken } from "@/lib/testing/api-tokens";
import { makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";
import { PSEUDONYM_WORDS } from "./pseudonym";

/** POST /api/v1/inbound, called in-process against the real database. */
let admin: User;
let write: Record<string, string>;
beforeAll(async () => {
  admin = await makeUser("admin");
  write = { authorization: `Bearer ${(await makeToken(admin, "write")).secret}` };
});

interface Answer {
  contact_id: string;
  created: boolean;
  reactivated: boolean;
  lead_stage: string;
  favorite_agent: { id: number; name: string; email: string } | null;
}
type ErrorBody = { error: { code: string; message: string; details?: Record<string, string[]> } };

const post = (body: Record<string, unknown>) =>
  POST(new Request("http://localhost/api/v1/inbound", { method: "POST", headers: { ...write, "content-type": "application/json" }, body: JSON.stringify(body) }));
async function receive(body: Record<string, unknown>, status = 200): Promise<Answer> {
  const response = await post({ message_id: unique("m-"), ...body });
  const json = (await response.json()) as Answer;
  expect(response.status, JSON.stringify(json)).toBe(status);
  return json;
}
const contactByKey = async (key: string) => (await db.select().from(contacts).where(eq(contacts.contactKey, key)))[0]!;
const messages = async (contactId: number) =>
  db.select().from(activities).where(and(eq(activities.contactId, contactId), inArray(activities.type, ["message", "call"])));

// Numbers of other countries no other test file makes: this file's own digits and a counter.
let n = 0;
const next = () => String(n++).padStart(4, "0");
const brazilMobile = () => `+55119${"81"}${next()}${"00"}`; // +55 11 9 81xx xx00: with the ninth digit
const mexicoNumber = () => `+5255${"81"}${next()}${"00"}`;
const argentinaNumber = () => `+5411${"81"}${next()}${"00"}`;

describe("an inbound message", () => {
  it("from a new number creates a Lead with the channel as source, the message on its timeline and the last interaction", async () => {
    const from = uniquePhone();
    const text = `${"Where is my order? ".repeat(40)}`;
    const answer = await receive({ channel: "sms", from, text, occurred_at: "2026-12-01T10:00:00Z" }, 201);
    expect(answer).toMatchObject({ created: true, reactivated: false, lead_stage: "lead", favorite_agent: null });
    const contact = await contactByKey(answer.contact_id);
    expect(contact).toMatchObject({ leadStage: "lead", source: "sms", anonymous: false });
    expect(contact.lastInteractionAt?.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    const [message] = await messages(contact.id);
    expect(message).toMatchObject({ type: "message", payload: { channel: "sms" } });
    expect(Array.from(message!.summary)).toHaveLength(500);
    expect(text.startsWith(message!.summary.trim())).toBe(true);
    expect(await db.select({ e164: contactPhones.e164 }).from(contactPhones).where(eq(contactPhones.contactId, contact.id))).toEqual([{ e164: from }]);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "contact"), eq(auditLog.entityId, String(contact.id)), eq(auditLog.action, "contact.create")));
    expect(entry?.actorLabel).toMatch(/^API token /);
  });

  it("finds the contact that holds the number, e-mail or id on every channel, and a call is a call", async () => {
    const phone = uniquePhone();
    const email = `${unique("in")}@example.test`;
    const known = await makeContact({ leadStage: "customer" }, { phones: [phone], emails: [email] });
    const fb = await makeContact();
    await db.insert(contactExternalIds).values({ contactId: fb.id, system: "facebook", externalId: "fb-4242" + unique() });
    const [fbId] = await db.select().from(contactExternalIds).where(eq(contactExternalIds.contactId, fb.id));
    for (const [channel, from] of [["whatsapp", phone.slice(1)], ["sms", phone], ["phone", phone], ["email", email.toUpperCase()]] as const) {
      const answer = await receive({ channel, from, text: `via ${channel}` });
      expect(answer, channel).toMatchObject({ contact_id: known.contactKey, created: false, lead_stage: "customer" });
    }
    expect((await receive({ channel: "facebook", from: fbId!.externalId })).contact_id).toBe(fb.contactKey);
    expect((await messages(known.id)).map((m) => m.type).sort()).toEqual(["call", "message", "message", "message"]);
  });

  it("brings an archived contact back, with a timeline entry saying why", async () => {
    const phone = uniquePhone();
    const archived = await makeContact({ archived: true, archivedAt: new Date() }, { phones: [phone] });
    const answer = await receive({ channel: "whatsapp", from: phone, text: "I'm back" });
    expect(answer).toMatchObject({ contact_id: archived.contactKey, reactivated: true });
    expect(await contactByKey(archived.contactKey)).toMatchObject({ archived: false, archivedAt: null });
    const timeline = await db.select().from(activities).where(eq(activities.contactId, archived.id));
    expect(timeline.map((a) => [a.type, a.summary])).toEqual(expect.arrayContaining([["unarchived", "Re-activated by an inbound message"], ["message", "I'm back"]]));
  });

  it("refuses a blocked contact's message with 403 blocked, writes no activity, and counts the refusals", async () => {
    const phone = uniquePhone();
    const blocked = await makeContact({ blocked: true, blockedAt: new Date() }, { phones: [phone] });
    for (const expected of [1, 2]) {
      const response = await post({ channel: "sms", from: phone, message_id: unique("m-"), text: "let me in" });
      expect(response.status).toBe(403);
      expect(((await response.json()) as ErrorBody).error.code).toBe("blocked");
      const [refusals] = await db.select().from(inboundRefusals).where(eq(inboundRefusals.contactId, blocked.id));
      expect(refusals).toMatchObject({ count: expected, lastAt: expect.any(Date) });
    }
    expect(await db.select().from(activities).where(eq(activities.contactId, blocked.id))).toEqual([]);
    expect((await contactByKey(blocked.contactKey)).version).toBe(blocked.version);
  });

  it("gives a web chat visitor without a name a pseudonym and Anonymous, until a later message brings an e-mail and a name", async () => {
    const visitor = unique("visitor-");
    const first = await receive({ channel: "webchat", from: visitor, text: "hi" }, 201);
    const guest = await contactByKey(first.contact_id);
    expect(guest).toMatchObject({ anonymous: true, source: "web_chat", leadStage: "lead", firstName: "Guest" });
    const [adjective, animal] = guest.lastName!.split(" ");
    expect(PSEUDONYM_WORDS.adjectives).toContain(adjective);
    expect(PSEUDONYM_WORDS.animals).toContain(animal);
    const inAnonymous = async () => (await db.execute(sql`select c.id from contacts c where c.id = ${guest.id} and ${builtinPredicate("anonymous", admin.id)}`)).length;
    expect(await inAnonymous()).toBe(1);
    // The same visitor again: the same contact, still a guest.
    expect(await receive({ channel: "webchat", from: visitor, text: "anyone?" })).toMatchObject({ contact_id: guest.contactKey, created: false });
    expect((await contactByKey(guest.contactKey)).anonymous).toBe(true);

    const email = `${unique("guest")}@example.test`;
    await receive({ channel: "webchat", from: visitor, text: "here's my mail", email, name: "Bea Kowalski" });
    const known = await contactByKey(guest.contactKey);
    expect(known).toMatchObject({ anonymous: false, firstName: "Bea", lastName: "Kowalski" });
    expect(await inAnonymous()).toBe(0);
    expect(await db.select({ email: contactEmails.email }).from(contactEmails).where(eq(contactEmails.contactId, guest.id))).toEqual([{ email }]);
  });

  it("names a new contact with the name, e-mail and phone given, leaving out what another contact holds", async () => {
    const taken = uniquePhone();
    const holder = await makeContact({}, { phones: [taken] });
    const email = `${unique("new")}@example.test`;
    const answer = await receive({ channel: "webchat", from: unique("v-"), name: "Chidi Anagonye", email, phone: taken }, 201);
    const contact = await contactByKey(answer.contact_id);
    expect(contact).toMatchObject({ firstName: "Chidi", lastName: "Anagonye", anonymous: false });
    expect(await db.select().from(contactPhones).where(eq(contactPhones.contactId, contact.id))).toEqual([]);
    expect(await db.select({ id: contactPhones.contactId }).from(contactPhones).where(eq(contactPhones.e164, taken))).toEqual([{ id: holder.id }]);
  });

  it("answers the favorite agent, so the channel can route the conversation", async () => {
    const agent = await makeUser("agent");
    const phone = uniquePhone();
    await makeContact({ favoriteAgentId: agent.id }, { phones: [phone] });
    expect((await receive({ channel: "whatsapp", from: phone })).favorite_agent).toEqual({ id: agent.id, name: agent.name, email: agent.email });
  });

  it("answers a repeated delivery with the first answer and writes nothing, for a taken and a refused message alike", async () => {
    const from = uniquePhone();
    const body = { channel: "sms", from, message_id: unique("dup-"), text: "once" };
    const first = await post(body);
    const firstAnswer = await first.json();
    const contact = await contactByKey((firstAnswer as Answer).contact_id);
    const before = await db.select({ n: count() }).from(activities).where(eq(activities.contactId, contact.id));
    for (let i = 0; i < 3; i++) {
      const again = await post(body);
      expect(again.status).toBe(201);
      expect(await again.json()).toEqual(firstAnswer);
    }
    expect(await db.select({ n: count() }).from(activities).where(eq(activities.contactId, contact.id))).toEqual(before);
    expect((await contactByKey(contact.contactKey)).version).toBe(contact.version);

    const blockedPhone = uniquePhone();
    const blocked = await makeContact({ blocked: true, blockedAt: new Date() }, { phones: [blockedPhone] });
    const refused = { channel: "sms", from: blockedPhone, message_id: unique("dup-") };
    expect((await post(refused)).status).toBe(403);
    expect((await post(refused)).status).toBe(403);
    expect((await db.select().from(inboundRefusals).where(eq(inboundRefusals.contactId, blocked.id)))[0]?.count).toBe(1);
  });

  it("creates exactly one contact and 50 timeline entries for 50 first messages from one new number sent at once", async () => {
    const from = uniquePhone();
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => post({ channel: "whatsapp", from: from.slice(1), message_id: unique(`race-${i}-`), text: `message ${i}` })));
    const answers = (await Promise.all(responses.map((r) => r.json()))) as Answer[];
    expect(responses.map((r) => r.status).sort()).toEqual([...Array(49).fill(200), 201]);
    expect(new Set(answers.map((a) => a.contact_id)).size).toBe(1);
    const holders = await db.select({ id: contactPhones.contactId }).from(contactPhones).where(eq(contactPhones.e164, from));
    expect(holders).toHaveLength(1);
    expect(await messages(holders[0]!.id)).toHaveLength(50);
  });

  it("refuses what it cannot read with 422 naming the field, and writes nothing", async () => {
    const id = unique("bad-");
    for (const [body, field] of [
      [{ channel: "sms", from: "not a number", message_id: id }, "from"],
      [{ channel: "email", from: "nobody", message_id: id }, "from"],
      [{ channel: "sms", from: uniquePhone(), message_id: id, email: "not-an-email" }, "email"],
    ] as const) {
      const response = await post(body);
      expect(response.status).toBe(422);
      expect(Object.keys(((await response.json()) as ErrorBody).error.details ?? {})).toEqual([field]);
    }
    const telegram = await post({ channel: "telegram", from: "x", message_id: id });
    expect(telegram.status).toBe(422);
    // Nothing was claimed: the same id, now readable, is taken.
    expect((await post({ channel: "sms", from: uniquePhone(), message_id: id })).status).toBe(201);
  });
});

describe("number variants at the inbound door", () => {
  it("Brazil: a WhatsApp sender without the ninth digit is the contact saved with it", async () => {
    const withNine = brazilMobile();
    const contact = await makeContact({}, { phones: [withNine] });
    const withoutNine = withNine.replace(/^\+5511 ?9/, "5511");
    expect((await receive({ channel: "whatsapp", from: withoutNine })).contact_id).toBe(contact.contactKey);
  });

  it("Mexico: +52 1 … is the contact saved as +52 …", async () => {
    const number = mexicoNumber();
    const contact = await makeContact({}, { phones: [number] });
    expect((await receive({ channel: "sms", from: number.replace("+52", "+521") })).contact_id).toBe(contact.contactKey);
  });

  it("Argentina: +54 9 … and +54 … are one contact, whichever came first", async () => {
    const home = argentinaNumber();
    const contact = await makeContact({}, { phones: [home] });
    expect((await receive({ channel: "whatsapp", from: home.replace("+54", "549") })).contact_id).toBe(contact.contactKey);

    const mobile = argentinaNumber().replace("+54", "+549");
    const created = await receive({ channel: "whatsapp", from: mobile.slice(1) }, 201);
    expect((await receive({ channel: "sms", from: mobile.replace("+549", "+54") })).contact_id).toBe(created.contact_id);
  });
});
