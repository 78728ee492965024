import { and, count, desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { POST } from "@/app/api/v1/integrations/[source]/contacts/route";
import { db } from "@/db";
import { activities, auditLog, contactExternalIds, contactPhones, contacts, notes, type User } from "@/db/schema";
import type { MergeStrategy } from "@/db/schema/enums";
import { UPSERT_LIMIT, upsertAnswerSchema } from "@/lib/api/integration-body";
import { createDefinition } from "@/lib/attributes/definitions";
import { contactActions } from "@/lib/contacts/actions";
import { loadContactSnapshot } from "@/lib/contacts/snapshot";
import { updateMergeSettings } from "@/lib/settings/merge-settings";
import { BEARERS, expectedStatus, makeBearers, makeToken } from "@/lib/testing/api-tokens";
import { actAs } from "@/lib/testing/act-as";
import { makeTag } from "@/lib/testing/bulk-fixtures";
import { actorOf, makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";
import { useOwnDatabase } from "@/lib/testing/own-database";

/**
 * POST /api/v1/integrations/{source}/contacts through its route handler, on a database of its own:
 * the tests change the workspace's merge settings, which no other file may see meanwhile.
 */
useOwnDatabase("upsert");

type Result = { status: string; contact_id?: string; contact_ids?: string[]; errors?: Record<string, string[]> };

let admin: User;
let auth: Record<string, string>;
let tokenName: string;
beforeAll(async () => {
  admin = await makeUser("admin");
  const { secret, token } = await makeToken(admin, "write");
  auth = { authorization: `Bearer ${secret}` };
  tokenName = token.name;
});

function post(body: unknown, headers: Record<string, string> = auth, source = "hubspot") {
  const request = new Request(`http://localhost/api/v1/integrations/${source}/contacts`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return POST(request, { params: Promise.resolve({ source }) });
}

async function upsert(records: unknown[]): Promise<Result[]> {
  const response = await post({ records });
  const body: unknown = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(200);
  // The answer is what the OpenAPI document says it is.
  expect(upsertAnswerSchema.safeParse(body).success, JSON.stringify(body)).toBe(true);
  return (body as { results: Result[] }).results;
}

const setMerge = (leads: MergeStrategy, contactsBy: MergeStrategy) => updateMergeSettings({ leads, contacts: contactsBy }, actorOf(admin));
const email = (name = "p") => `${unique(name)}@upsert.test`;
const snapshotOf = async (id: number) => (await loadContactSnapshot(db, id))!;
const auditCount = async () => (await db.select({ n: count() }).from(auditLog))[0]!.n;
const keyOf = async (id: number) => (await snapshotOf(id)).contact.contactKey;

describe("who may call it", () => {
  it.each(BEARERS)("%s", async (bearer) => {
    const headers = (await makeBearers(admin))[bearer];
    const response = await post({ records: [{ external_id: unique("acc-"), kind: "lead", phones: [uniquePhone()] }] }, headers);
    expect(response.status).toBe(expectedStatus(bearer, "write", 200));
  });
});

describe("the request", () => {
  it("refuses a source that cannot be one (404), more than 1 000 records (422), a body that is not JSON (415)", async () => {
    for (const source of ["HubSpot", "9shop", "a".repeat(41), "hub spot"]) {
      const response = await post({ records: [{ external_id: "1", kind: "lead" }] }, auth, source);
      expect(response.status, source).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
    const tooMany = await post({ records: Array.from({ length: UPSERT_LIMIT + 1 }, (_, i) => ({ external_id: String(i), kind: "lead" })) });
    expect(tooMany.status).toBe(422);
    expect(await tooMany.json()).toMatchObject({ error: { code: "validation_failed", details: { records: [`Send at most ${UPSERT_LIMIT} records per request.`] } } });
    const notJson = await POST(new Request("http://localhost/api/v1/integrations/hubspot/contacts", { method: "POST", headers: { ...auth, "content-type": "text/plain" }, body: "x" }), {
      params: Promise.resolve({ source: "hubspot" }),
    });
    expect(notJson.status).toBe(415);
  });
});

describe("creating", () => {
  it("creates a lead with lead stage Lead, a contact with Contact, source integration and the external ID, audited as the token", async () => {
    const [leadId, contactId] = [unique("L-"), unique("K-")];
    const results = await upsert([
      { external_id: leadId, kind: "lead", first_name: "Ada", phones: [uniquePhone()] },
      { external_id: contactId, kind: "contact", last_name: "Only an ID" },
    ]);
    expect(results.map((r) => r.status)).toEqual(["created", "created"]);
    const [lead] = await db.select().from(contacts).where(eq(contacts.contactKey, results[0]!.contact_id!));
    const [other] = await db.select().from(contacts).where(eq(contacts.contactKey, results[1]!.contact_id!));
    expect(lead).toMatchObject({ leadStage: "lead", source: "integration", firstName: "Ada" });
    expect(other).toMatchObject({ leadStage: "contact", source: "integration", lastName: "Only an ID" });
    expect((await snapshotOf(lead!.id)).externalIds).toMatchObject([{ system: "hubspot", externalId: leadId }]);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "contact"), eq(auditLog.entityId, String(lead!.id))));
    expect(entry).toMatchObject({ action: "contact.create", actorLabel: `API token ${tokenName}` });
  });

  it("answers invalid records with their reasons by field, and writes the others", async () => {
    const good = unique("G-");
    const results = await upsert([
      { external_id: unique("I-"), kind: "lead", emails: ["ada@"] },
      { external_id: good, kind: "lead", emails: [email()] },
      { external_id: unique("I-"), kind: "contact", phones: ["12"] },
      { kind: "lead", phones: [uniquePhone()] },
      { external_id: " ", kind: "lead", phones: [uniquePhone()] },
      { external_id: unique("I-"), kind: "customer" },
      "not a record",
    ]);
    expect(results.map((r) => r.status)).toEqual(["invalid", "created", "invalid", "invalid", "invalid", "invalid", "invalid"]);
    expect(results[0]!.errors).toEqual({ "emails.0": ['"ada@" is not a valid e-mail address.'] });
    expect(results[2]!.errors).toEqual({ "phones.0": ['"12" is not a valid phone number for US. Add the country code with a +.'] });
    expect(Object.keys(results[3]!.errors!)).toEqual(["external_id"]);
    expect(Object.keys(results[4]!.errors!)).toEqual(["external_id"]);
    expect(Object.keys(results[5]!.errors!)).toEqual(["kind"]);
    expect(Object.keys(results[6]!.errors!)).toEqual(["_form"]);
    expect(await db.select().from(contactExternalIds).where(eq(contactExternalIds.system, "hubspot"))).toContainEqual(expect.objectContaining({ externalId: good }));
  });
});

// Three contacts: one holds the record's phone only, one its e-mail only, one both. What each merge
// setting makes of them (SPEC §7); a holder the setting does not match is a conflict, since a phone
// or e-mail belongs to one contact only.
const MATRIX: Record<MergeStrategy, [string, string, string]> = {
  phone: ["updated", "conflict", "updated"],
  email: ["conflict", "updated", "updated"],
  phone_and_email: ["conflict", "conflict", "updated"],
  never: ["conflict", "conflict", "conflict"],
};

describe.each(["lead", "contact"] as const)("merge settings for a %s", (kind) => {
  it.each(Object.keys(MATRIX) as MergeStrategy[])("%s", async (strategy) => {
    // The other kind's setting differs, so the record's own kind must be the one applied.
    const other: MergeStrategy = strategy === "never" ? "phone" : "never";
    await (kind === "lead" ? setMerge(strategy, other) : setMerge(other, strategy));
    const [p1, p2, p3] = [uniquePhone(), uniquePhone(), uniquePhone()];
    const [e1, e2, e3] = [email(), email(), email()];
    const byPhone = await makeContact({}, { phones: [p1] });
    const byEmail = await makeContact({}, { emails: [e2] });
    const byBoth = await makeContact({}, { phones: [p3], emails: [e3] });
    const records = [
      { external_id: unique("M-"), kind, phones: [p1], emails: [e1] },
      { external_id: unique("M-"), kind, phones: [p2], emails: [e2] },
      { external_id: unique("M-"), kind, phones: [p3], emails: [e3], first_name: "Matched" },
    ];
    const results = await upsert(records);
    expect(results.map((r) => r.status)).toEqual(MATRIX[strategy]);
    for (const [i, holder] of [byPhone, byEmail, byBoth].entries()) {
      const after = await snapshotOf(holder.id);
      if (results[i]!.status === "updated") {
        expect(results[i]).toEqual({ status: "updated", contact_id: holder.contactKey });
        expect(after.phones.map((p) => p.e164).sort()).toEqual([...records[i]!.phones].sort());
        expect(after.emails.map((e) => e.emailNormalized).sort()).toEqual([...records[i]!.emails].sort());
        expect(after.externalIds).toMatchObject([{ system: "hubspot", externalId: records[i]!.external_id }]);
      } else {
        expect(results[i]).toMatchObject({ status: "conflict", contact_ids: [holder.contactKey] });
        expect(after.contact.version).toBe(holder.version);
        expect(after.externalIds).toEqual([]);
      }
    }
  });
});

describe("matching and merging", () => {
  it("matches by (source, external ID) first, even when the setting is Don't merge", async () => {
    await setMerge("never", "never");
    const ext = unique("X-");
    const c = await makeContact({ firstName: "Old" }, { phones: [uniquePhone()] });
    await db.insert(contactExternalIds).values({ contactId: c.id, system: "hubspot", externalId: ext });
    const phone = uniquePhone();
    const results = await upsert([{ external_id: ext, kind: "contact", first_name: "New", phones: [phone] }]);
    expect(results).toEqual([{ status: "updated", contact_id: c.contactKey }]);
    const after = await snapshotOf(c.id);
    expect(after.contact.firstName).toBe("New");
    expect(after.phones.map((p) => p.e164)).toContain(phone);
    // Another source's same ID is another record.
    const elsewhere = await post({ records: [{ external_id: ext, kind: "contact", emails: [email()] }] }, auth, "shopify");
    expect(((await elsewhere.json()) as { results: Result[] }).results[0]!.status).toBe("created");
  });

  it("never merges two contacts: both ids answered, nothing written for the record", async () => {
    await setMerge("phone", "phone");
    const [phone, mail] = [uniquePhone(), email()];
    const a = await makeContact({}, { phones: [phone] });
    const b = await makeContact({}, { emails: [mail] });
    const ext = unique("X-");
    const onA = await makeContact({}, { phones: [uniquePhone()] });
    await db.insert(contactExternalIds).values({ contactId: onA.id, system: "hubspot", externalId: ext });
    const c = await makeContact({}, { phones: [uniquePhone()] });
    const cPhone = (await snapshotOf(c.id)).phones[0]!.e164;
    const audits = await auditCount();
    const results = await upsert([
      { external_id: unique("X-"), kind: "lead", first_name: "Nope", phones: [phone], emails: [mail] },
      { external_id: ext, kind: "lead", first_name: "Nope", phones: [cPhone] },
    ]);
    expect(results[0]).toMatchObject({ status: "conflict", contact_ids: [a.contactKey, b.contactKey], errors: { emails: [expect.stringContaining("never merges two contacts")] } });
    expect(results[1]).toMatchObject({ status: "conflict", contact_ids: [onA.contactKey, c.contactKey], errors: { phones: [expect.stringContaining(`by its external ID ${ext} (hubspot)`)] } });
    for (const x of [a, b, onA, c]) expect((await snapshotOf(x.id)).contact).toMatchObject({ version: x.version, firstName: x.firstName });
    expect(await auditCount()).toBe(audits);
  });

  it("joins phones, e-mails and tags, sets attributes, takes the newest non-empty values, and never blanks one", async () => {
    await setMerge("email", "email");
    const tag = await makeTag(unique("Old tag "));
    const newTag = await makeTag(unique("New tag "));
    const [p1, p2, e1, e2] = [uniquePhone(), uniquePhone(), email(), email()];
    const [tier, seats] = [await createDefinition({ label: unique("Tier "), type: "text", options: [] }, actorOf(admin)), await createDefinition({ label: unique("Seats "), type: "number", options: [] }, actorOf(admin))];
    const c = await makeContact({ firstName: "Ada", lastName: "Old" }, { phones: [p1], emails: [e1] });
    await upsert([{ external_id: unique("seed-"), kind: "contact", emails: [e1], tags: [tag.name], attributes: { [tier.key]: "Silver", [seats.key]: 3 } }]);
    const results = await upsert([
      { external_id: unique("U-"), kind: "contact", first_name: "", last_name: "New", phones: [p2], emails: [e2, e1], tags: [newTag.name], attributes: { [tier.key]: "Gold", [seats.key]: null } },
    ]);
    expect(results).toEqual([{ status: "updated", contact_id: c.contactKey }]);
    const after = await snapshotOf(c.id);
    expect(after.contact).toMatchObject({ firstName: "Ada", lastName: "New" });
    expect(after.phones.map((p) => [p.e164, p.isPrimary])).toEqual([[p1, true], [p2, false]]);
    expect(after.emails.map((e) => [e.emailNormalized, e.isPrimary])).toEqual([[e1, true], [e2, false]]);
    expect(after.tags.map((t) => t.name).sort()).toEqual([tag.name, newTag.name].sort());
    expect(after.externalIds).toHaveLength(2);
    expect(after.attributes).toMatchObject({ [tier.key]: { value: "Gold" }, [seats.key]: { value: 3 } });
    const entries = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "contact"), eq(auditLog.entityId, String(c.id))));
    expect(entries.map((e) => [e.action, e.actorLabel])).toEqual([
      ["contact.update", `API token ${tokenName}`],
      ["contact.update", `API token ${tokenName}`],
    ]);
  });

  it.each([
    ["Brazil without the ninth digit", "+5511983100001", "+55 11 8310-0001"],
    ["Mexico's +52 1", "+525583100002", "+52 1 55 8310 0002"],
    ["Argentina's +54 9 for a stored +54", "+541183100003", "+54 9 11 8310-0003"],
    ["Argentina's +54 for a stored +54 9", "+5491183100004", "+54 11 8310-0004"],
  ])("recognises a number's other form as the contact's (%s), adding no second form", async (_, stored, sent) => {
    await setMerge("phone", "phone");
    const c = await makeContact({}, { phones: [stored] });
    const record = { external_id: unique("V-"), kind: "contact", phones: [sent], last_name: "Variant" };
    expect(await upsert([record])).toEqual([{ status: "updated", contact_id: c.contactKey }]);
    const after = await snapshotOf(c.id);
    expect(after.phones.map((p) => p.e164)).toEqual([stored]);
    expect(after.contact.lastName).toBe("Variant");
    expect(await upsert([record])).toEqual([{ status: "unchanged", contact_id: c.contactKey }]);
  });

  it("answers a batch sent again with unchanged for every record, writing nothing", async () => {
    await setMerge("phone", "email");
    const existing = await makeContact({}, { phones: [uniquePhone()] });
    const records = [
      { external_id: unique("R-"), kind: "lead", first_name: "Ada", phones: [uniquePhone()], emails: [email()] },
      { external_id: unique("R-"), kind: "lead", last_name: "Match", phones: [(await snapshotOf(existing.id)).phones[0]!.e164] },
      { external_id: unique("R-"), kind: "contact", emails: [email()] },
    ];
    const first = await upsert(records);
    expect(first.map((r) => r.status)).toEqual(["created", "updated", "created"]);
    const versions = await Promise.all(first.map(async (r) => (await db.select().from(contacts).where(eq(contacts.contactKey, r.contact_id!)))[0]!.version));
    const audits = await auditCount();
    const again = await upsert(records);
    expect(again).toEqual(first.map((r) => ({ status: "unchanged", contact_id: r.contact_id })));
    expect(await auditCount()).toBe(audits);
    for (const [i, r] of first.entries()) expect((await db.select().from(contacts).where(eq(contacts.contactKey, r.contact_id!)))[0]!.version).toBe(versions[i]);
    expect(await keyOf(existing.id)).toBe(first[1]!.contact_id);
  });

  it("creates one contact when two requests send the same new external ID at once", async () => {
    await setMerge("phone", "phone");
    const ext = unique("RACE-");
    const record = { external_id: ext, kind: "lead", first_name: "Racer", phones: [uniquePhone()], emails: [email()] };
    const answers = await Promise.all(Array.from({ length: 4 }, () => post({ records: [record] })));
    const results = await Promise.all(answers.map(async (r) => ((await r.json()) as { results: Result[] }).results[0]!));
    expect(results.map((r) => r.status).sort()).toEqual(["created", "unchanged", "unchanged", "unchanged"]);
    expect(new Set(results.map((r) => r.contact_id)).size).toBe(1);
    const held = await db.select().from(contactExternalIds).where(and(eq(contactExternalIds.system, "hubspot"), eq(contactExternalIds.externalId, ext)));
    expect(held).toHaveLength(1);
    expect(await db.select().from(contacts).where(eq(contacts.firstName, "Racer"))).toHaveLength(1);
  });
});

describe("a contact in Trash that a record names", () => {
  const trash = (id: number) => actAs(admin, contactActions.delete, { contactId: id });
  const restoredEntries = async (id: number) =>
    db.select({ summary: activities.summary, actorId: activities.actorId }).from(activities).where(and(eq(activities.contactId, id), eq(activities.type, "restored")));

  it("is restored and updated in one write (by phone, by external ID, even with nothing else to change), keeping its notes; no second contact", async () => {
    await setMerge("phone", "phone");
    const [phone, ext] = [uniquePhone(), unique("T-")];
    const byPhone = await makeContact({ firstName: "Tess", company: "Old Co" }, { phones: [phone] });
    await db.insert(notes).values({ contactId: byPhone.id, body: "Kept through Trash" });
    const byExternal = await makeContact({ firstName: "Xena" }, { phones: [uniquePhone()] });
    await db.insert(contactExternalIds).values({ contactId: byExternal.id, system: "hubspot", externalId: ext });
    await trash(byPhone.id);
    await trash(byExternal.id);
    const newEmail = email();

    const results = await upsert([
      { external_id: unique("T-"), kind: "contact", first_name: "Tessa", phones: [phone], emails: [newEmail] },
      { external_id: ext, kind: "contact" },
    ]);
    expect(results).toEqual([
      { status: "updated", contact_id: byPhone.contactKey },
      { status: "updated", contact_id: byExternal.contactKey },
    ]);
    const after = await snapshotOf(byPhone.id);
    expect(after.contact).toMatchObject({ trashedAt: null, trashedById: null, firstName: "Tessa", company: "Old Co" });
    expect(after.emails.map((e) => e.emailNormalized)).toEqual([newEmail]);
    expect((await snapshotOf(byExternal.id)).contact).toMatchObject({ trashedAt: null, firstName: "Xena" });
    expect(await db.select({ body: notes.body }).from(notes).where(eq(notes.contactId, byPhone.id))).toEqual([{ body: "Kept through Trash" }]);
    expect(await db.select().from(contactPhones).where(eq(contactPhones.e164, phone))).toHaveLength(1);
    for (const c of [byPhone, byExternal]) {
      expect(await restoredEntries(c.id)).toEqual([{ summary: "Restored from Trash by an upsert from hubspot", actorId: null }]);
      // One audit entry (the update, so a webhook's contact.updated) holds the restore with the change.
      const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entityType, "contact"), eq(auditLog.entityId, String(c.id)))).orderBy(desc(auditLog.id)).limit(1);
      expect(entry).toMatchObject({ action: "contact.update", actorLabel: `API token ${tokenName}`, before: { contact: { trashedAt: expect.any(String) } }, after: { contact: { trashedAt: null } } });
    }
  });

  it("is not restored when the record is refused (a conflict leaves it in Trash)", async () => {
    await setMerge("phone", "phone");
    const phone = uniquePhone();
    const held = await makeContact({}, { phones: [phone] });
    await trash(held.id);
    const other = await makeContact({}, { emails: [email()] });
    const otherEmail = (await snapshotOf(other.id)).emails[0]!.emailNormalized;
    const results = await upsert([{ external_id: unique("T-"), kind: "contact", phones: [phone], emails: [otherEmail] }]);
    expect(results[0]).toMatchObject({ status: "conflict" });
    expect((await snapshotOf(held.id)).contact.trashedAt).not.toBeNull();
    expect(await restoredEntries(held.id)).toEqual([]);
  });
});

// The result variants are exactly the documented ones.
it("documents every status it answers", () => {
  const statuses = upsertAnswerSchema.shape.results.element.options.flatMap((o) => {
    const s = o.shape.status;
    return s instanceof z.ZodEnum ? (s.options as string[]) : [s.value as string];
  });
  expect(statuses.sort()).toEqual(["conflict", "created", "error", "invalid", "unchanged", "updated"]);
});
