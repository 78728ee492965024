import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { activities, contacts, type AttributeDefinition, type User } from "@/db/schema";
import { createDefinition } from "@/lib/attributes/definitions";
import { mergeContacts } from "@/lib/contacts/merge";
import { makeToken } from "@/lib/testing/api-tokens";
import { makeTag } from "@/lib/testing/bulk-fixtures";
import { auditOf, contactApi, json, refusal } from "@/lib/testing/contact-api";
import { actorOf, makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";

/** PATCH and DELETE /api/v1/contacts/{contact_id}: only what is sent, sets replaced, If-Match, 308, audit. */
let admin: User;
let tokenName: string;
let api: ReturnType<typeof contactApi>;
let score: AttributeDefinition;
let plan: AttributeDefinition;
beforeAll(async () => {
  admin = await makeUser("admin");
  const { secret, token } = await makeToken(admin, "write");
  tokenName = token.name;
  api = contactApi(secret);
  score = await createDefinition({ label: unique("Score "), type: "number", options: [] }, actorOf(admin));
  plan = await createDefinition({ label: unique("Plan "), type: "dropdown", options: ["Free", "Pro"] }, actorOf(admin));
});

/** A contact made through POST, with a bit of everything. */
async function seeded() {
  const [p1, p2] = [uniquePhone(), uniquePhone()];
  const [t1, t2] = [await makeTag(unique("Old ")), await makeTag(unique("New "))];
  const response = await api.create({
    first_name: "Ada",
    job_title: "Analyst",
    phones: [p1, p2],
    emails: [`${unique("ada")}@api.test`],
    external_ids: [{ system: "hubspot", external_id: unique("hs-") }],
    tags: [t1.name],
    attributes: { [score.key]: "7", [plan.key]: "Free" },
  });
  expect(response.status).toBe(201);
  const body = await json(response);
  const key = body.contact_id as string;
  const [row] = await db.select().from(contacts).where(eq(contacts.contactKey, key));
  return { key, id: row!.id, body, etag: response.headers.get("etag")!, p1, p2, t2 };
}

describe("PATCH /api/v1/contacts/{contact_id}", () => {
  it("changes only the fields sent, replaces the sets sent, sets the attributes sent; one audit entry as the token, version bumped", async () => {
    const c = await seeded();
    const p3 = uniquePhone();
    const response = await api.patch(c.key, {
      job_title: "Engineer",
      phones: [{ phone: c.p2, label: "work", is_primary: true }, p3],
      emails: [],
      tags: [c.t2.name],
      attributes: { [score.key]: null },
    });
    expect(response.status, await response.clone().text()).toBe(200);
    const body = await json(response);
    expect(body).toEqual({
      ...c.body,
      job_title: "Engineer",
      phones: [
        { phone: c.p2, label: "work", is_primary: true },
        { phone: p3, label: null, is_primary: false },
      ],
      emails: [],
      tags: [c.t2.name],
      attributes: { [plan.key]: "Free" },
      version: 2,
      updated_at: expect.any(String),
      activity_count: expect.any(Number),
    });
    expect(response.headers.get("etag")).not.toBe(c.etag);
    expect((await api.read(c.key)).headers.get("etag")).toBe(response.headers.get("etag"));

    const entries = await auditOf(c.id);
    expect(entries.map((e) => [e.action, e.actorLabel])).toEqual([
      ["contact.create", `API token ${tokenName}`],
      ["contact.update", `API token ${tokenName}`],
    ]);
    const timeline = (await db.select().from(activities).where(eq(activities.contactId, c.id))).map((a) => a.summary);
    expect(timeline).toEqual(expect.arrayContaining(["Job title set to “Engineer”", `Tagged “${c.t2.name}”`, `${score.label} cleared`]));

    // The same values again change nothing: no version, no audit entry.
    const same = await api.patch(c.key, { job_title: "Engineer", phones: [{ phone: c.p2, label: "work", is_primary: true }, p3] });
    expect((await json(same)).version).toBe(2);
    expect(same.headers.get("etag")).toBe(response.headers.get("etag"));
    expect(await auditOf(c.id)).toHaveLength(2);
  });

  it("refuses what cannot change or is invalid, and an identifier another contact holds (409), writing nothing", async () => {
    const c = await seeded();
    const held = uniquePhone();
    const other = await makeContact({ lastName: unique("Holder") }, { phones: [held] });
    const conflict = await api.patch(c.key, { job_title: "Thief", phones: [c.p1, held] });
    expect(conflict.status).toBe(409);
    expect((await refusal(conflict)).error.details).toEqual({ contact_id: other.contactKey, field: "phones" });
    const invalid = await api.patch(c.key, { lead_stage: null, first_name: "x".repeat(101) });
    expect(invalid.status).toBe(422);
    expect(Object.keys((await refusal(invalid)).error.details!).sort()).toEqual(["first_name", "lead_stage"]);
    for (const fixed of [{ contact_id: "NEW-1" }, { source: "web_chat" }]) expect((await api.patch(c.key, fixed)).status).toBe(422);
    expect(await json(await api.read(c.key))).toMatchObject({ job_title: "Analyst", version: 1 });
  });

  it("honours If-Match: 412 when it names an older ETag, nothing written; the current one (or *) goes through with a new ETag", async () => {
    const c = await seeded();
    const stale = await api.patch(c.key, { job_title: "Stale" }, { "if-match": '"not-the-etag"' });
    expect(stale.status).toBe(412);
    expect((await refusal(stale)).error.code).toBe("precondition_failed");
    const weak = await api.patch(c.key, { job_title: "Weak" }, { "if-match": `W/${c.etag}` });
    expect(weak.status).toBe(412);
    const fresh = await api.patch(c.key, { job_title: "Fresh" }, { "if-match": `"other", ${c.etag}` });
    expect(fresh.status).toBe(200);
    const next = fresh.headers.get("etag")!;
    expect(next).not.toBe(c.etag);
    expect((await api.patch(c.key, { job_title: "Late" }, { "if-match": c.etag })).status).toBe(412);
    expect((await api.patch(c.key, { job_title: "Any" }, { "if-match": "*" })).status).toBe(200);
    expect(await json(await api.read(c.key))).toMatchObject({ job_title: "Any", version: 3 });
  });

  it("redirects a merged-away Contact ID (308) to the primary, writing nothing; 404 for an unknown one", async () => {
    const [gone, primary] = [await makeContact(), await makeContact({ jobTitle: "Kept" })];
    await mergeContacts({ primaryId: primary.id, contactIds: [primary.id, gone.id] }, actorOf(admin));
    const moved = await api.patch(gone.contactKey, { job_title: "Moved" });
    expect(moved.status).toBe(308);
    expect(moved.headers.get("location")).toBe(api.path(primary.contactKey));
    const removed = await api.remove(gone.contactKey);
    expect([removed.status, removed.headers.get("location")]).toEqual([308, api.path(primary.contactKey)]);
    expect(await json(await api.read(primary.contactKey))).toMatchObject({ job_title: "Kept" });
    const unknown = await api.patch("C-NOPE0000", { job_title: "x" });
    expect([unknown.status, (await refusal(unknown)).error.code]).toEqual([404, "not_found"]);
  });
});

describe("DELETE /api/v1/contacts/{contact_id}", () => {
  it("deletes (204, to Trash) through the delete rule, audited as the token; then 404; a stale If-Match is 412 and keeps it", async () => {
    const c = await seeded();
    const stale = await api.remove(c.key, { "if-match": '"old"' });
    expect(stale.status).toBe(412);
    expect((await api.read(c.key)).status).toBe(200);
    const gone = await api.remove(c.key, { "if-match": c.etag });
    expect(gone.status).toBe(204);
    expect(await gone.text()).toBe("");
    expect((await api.read(c.key)).status).toBe(404);
    expect((await api.remove(c.key)).status).toBe(404);
    const entries = await auditOf(c.id);
    // In Trash (SPEC §9): unknown to the API, the record kept for a Restore.
    expect(entries.at(-1)).toMatchObject({ action: "contact.delete", actorLabel: `API token ${tokenName}`, after: { contact: { id: c.id, trashedAt: expect.any(String) } } });
  });
});
