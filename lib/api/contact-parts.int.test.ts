import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { auditLog, contactLinks, contactTags, tags, type Contact, type User } from "@/db/schema";
import { DELETE as deleteLink } from "@/app/api/v1/contacts/[contactId]/links/[linkId]/route";
import { GET as getLinks, POST as postLink } from "@/app/api/v1/contacts/[contactId]/links/route";
import { GET as getNotes, POST as postNote } from "@/app/api/v1/contacts/[contactId]/notes/route";
import { DELETE as untag, PUT as tag } from "@/app/api/v1/contacts/[contactId]/tags/[tagName]/route";
import { mergeContacts } from "@/lib/contacts/merge";
import { makeToken } from "@/lib/testing/api-tokens";
import { makeTag } from "@/lib/testing/bulk-fixtures";
import { actorOf, makeContact, makeUser, unique } from "@/lib/testing/factories";

/** A contact's notes, links and tags under /api/v1, called in-process against the real database. */
let admin: User;
let tokenName: string;
const auth: Record<"write" | "admin", Record<string, string>> = { write: {}, admin: {} };
beforeAll(async () => {
  admin = await makeUser("admin");
  tokenName = unique("Crm ");
  auth.write = { authorization: `Bearer ${(await makeToken(admin, "write", tokenName)).secret}` };
  auth.admin = { authorization: `Bearer ${(await makeToken(admin, "admin")).secret}` };
});

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;
type ErrorBody = { error: { code: string; details?: Record<string, string[]> } };

function call<P>(handler: Handler<P>, method: string, path: string, params: P, body?: unknown, scope: "write" | "admin" = "write") {
  const init: RequestInit = { method, headers: { ...auth[scope], ...(body === undefined ? {} : { "content-type": "application/json" }) } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return handler(new Request(`http://localhost/api/v1/contacts/${path}`, init), { params: Promise.resolve(params) });
}
const json = async <T>(response: Response) => (await response.json()) as T;
const auditsOf = (c: Contact, action: string) => db.select().from(auditLog).where(and(eq(auditLog.entityId, String(c.id)), eq(auditLog.action, action)));

describe("notes", () => {
  const notes = (c: Contact, query = "") => call(getNotes, "GET", `${c.contactKey}/notes${query}`, { contactId: c.contactKey });
  const add = (c: Contact, body: unknown) => call(postNote, "POST", `${c.contactKey}/notes`, { contactId: c.contactKey }, body);

  it("adds a note (201, audited as the token) and lists the notes newest first in cursor pages", async () => {
    const c = await makeContact();
    const created = await add(c, { body: "  First call went well\r\nCall back Monday  " });
    expect(created.status).toBe(201);
    expect(await json(created)).toEqual({ id: expect.any(Number), body: "First call went well\nCall back Monday", created_at: expect.any(String), author: null });
    expect(await auditsOf(c, "contact.note.add")).toMatchObject([{ actorLabel: `API token ${tokenName}` }]);
    for (const body of ["Second", "Third"]) await add(c, { body });

    type Page = { data: { body: string }[]; next_cursor: string | null };
    const first = await json<Page>(await notes(c, "?limit=2"));
    expect(first.data.map((n) => n.body)).toEqual(["Third", "Second"]);
    const second = await json<Page>(await notes(c, `?limit=2&cursor=${first.next_cursor}`));
    expect(second).toEqual({ data: [expect.objectContaining({ body: "First call went well\nCall back Monday" })], next_cursor: null });
  });

  it("refuses a blank note or one with a control character (422 on body) and a bad page query (400)", async () => {
    const c = await makeContact();
    for (const body of [{ body: "   " }, { body: "a\u0000b" }, {}]) {
      const response = await add(c, body);
      expect(response.status).toBe(422);
      expect(Object.keys((await json<ErrorBody>(response)).error.details ?? {})).toEqual(["body"]);
    }
    expect((await notes(c, "?limit=500")).status).toBe(400);
    expect((await json<{ data: unknown[] }>(await notes(c))).data).toEqual([]);
  });
});

describe("links", () => {
  const links = (c: Contact) => call(getLinks, "GET", `${c.contactKey}/links`, { contactId: c.contactKey });
  const add = (c: Contact, body: unknown) => call(postLink, "POST", `${c.contactKey}/links`, { contactId: c.contactKey }, body);
  const remove = (c: Contact, linkId: string) => call(deleteLink, "DELETE", `${c.contactKey}/links/${linkId}`, { contactId: c.contactKey, linkId });

  it("adds links (201; the label defaults to the host), lists them, and deletes one (204), audited as the token", async () => {
    const c = await makeContact();
    const crm = await add(c, { label: "CRM", url: "https://crm.example.test/people/42" });
    expect(crm.status).toBe(201);
    const crmLink = await json<{ id: number }>(crm);
    expect(crmLink).toEqual({ id: expect.any(Number), label: "CRM", url: "https://crm.example.test/people/42" });
    expect(await json(await add(c, { url: "https://desk.example.test/t/9" }))).toMatchObject({ label: "desk.example.test" });
    expect((await json<{ data: { label: string }[] }>(await links(c))).data.map((l) => l.label)).toEqual(["CRM", "desk.example.test"]);

    const deleted = await remove(c, String(crmLink.id));
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe("");
    expect((await json<{ data: { label: string }[] }>(await links(c))).data.map((l) => l.label)).toEqual(["desk.example.test"]);
    expect((await remove(c, String(crmLink.id))).status).toBe(404);
    expect(await auditsOf(c, "contact.link.remove")).toMatchObject([{ actorLabel: `API token ${tokenName}` }]);
  });

  it("refuses what the profile refuses (422 on url): a javascript: address, a relative one, the same URL twice", async () => {
    const c = await makeContact();
    await add(c, { url: "https://crm.example.test/1" });
    for (const body of [{ url: "javascript:alert(1)" }, { url: "/people/1" }, { url: "https://crm.example.test/1" }, { label: "x" }]) {
      const response = await add(c, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys((await json<ErrorBody>(response)).error.details ?? {})).toEqual(["url"]);
    }
  });

  it("deletes only a link of the contact in the path: another contact's link id is a 404 and stays", async () => {
    const [c, other] = [await makeContact(), await makeContact()];
    const theirs = await json<{ id: number }>(await add(other, { url: "https://crm.example.test/theirs" }));
    expect((await remove(c, String(theirs.id))).status).toBe(404);
    expect((await remove(c, "not-a-number")).status).toBe(404);
    expect(await db.select().from(contactLinks).where(eq(contactLinks.id, theirs.id))).toHaveLength(1);
  });
});

describe("tags", () => {
  const put = (c: Contact, name: string, scope: "write" | "admin" = "write") =>
    call(tag, "PUT", `${c.contactKey}/tags/${encodeURIComponent(name)}`, { contactId: c.contactKey, tagName: name }, undefined, scope);
  const del = (c: Contact, name: string) => call(untag, "DELETE", `${c.contactKey}/tags/${encodeURIComponent(name)}`, { contactId: c.contactKey, tagName: name });

  it("attaches an existing tag by name, case-insensitively: 201, then 200 with nothing changed", async () => {
    const [c, vip] = [await makeContact(), await makeTag(unique("Vip "))];
    const first = await put(c, vip.name.toUpperCase());
    expect(first.status).toBe(201);
    expect(await json(first)).toEqual({ contact_id: c.contactKey, tag: { id: vip.id, name: vip.name, color: vip.color }, tag_created: false });
    expect(await tagsOf(c)).toEqual([vip.name]);
    expect(await auditsOf(c, "contact.tag.add")).toMatchObject([{ actorLabel: `API token ${tokenName}` }]);

    expect((await put(c, vip.name)).status).toBe(200);
    expect(await auditsOf(c, "contact.tag.add")).toHaveLength(1);
  });

  it("creates an unknown tag only for an admin token; a write token gets 403 and no tag is made", async () => {
    const c = await makeContact();
    const name = unique("New tag ");
    const refused = await put(c, name);
    expect(refused.status).toBe(403);
    expect((await json<{ error: { code: string; message: string } }>(refused)).error).toMatchObject({ code: "forbidden", message: expect.stringContaining("Only admins can create tags") });
    expect(await db.select().from(tags).where(eq(tags.name, name))).toHaveLength(0);

    const created = await put(c, name, "admin");
    expect(created.status).toBe(201);
    expect(await json(created)).toMatchObject({ tag: { name }, tag_created: true });
    expect(await tagsOf(c)).toEqual([name]);
  });

  it("takes a tag off (204) and answers 204 again when it is not there or no such tag exists", async () => {
    const [c, tagA] = [await makeContact(), await makeTag(unique("Gone "))];
    await put(c, tagA.name);
    expect((await del(c, tagA.name.toLowerCase())).status).toBe(204);
    expect(await tagsOf(c)).toEqual([]);
    expect(await auditsOf(c, "contact.tag.remove")).toMatchObject([{ actorLabel: `API token ${tokenName}` }]);
    expect((await del(c, tagA.name)).status).toBe(204);
    expect((await del(c, unique("Never "))).status).toBe(204);
    expect(await auditsOf(c, "contact.tag.remove")).toHaveLength(1);
  });

  it("refuses a name no tag could have (422 on tag_name): too long, blank, or holding a control character", async () => {
    const c = await makeContact();
    for (const name of ["x".repeat(51), "   ", "\u0000x", "VIP\u0007"]) {
      const response = await put(c, name, "admin");
      expect(response.status).toBe(422);
      expect(Object.keys((await json<ErrorBody>(response)).error.details ?? {})).toEqual(["tag_name"]);
    }
  });
});

describe("a Contact ID in the path", () => {
  it("redirects a merged-away one (308) keeping the sub-path, and answers 404 for an unknown one, on every route", async () => {
    const [a, b, vip] = [await makeContact(), await makeContact(), await makeTag(unique("Vip "))];
    await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id] }, actorOf(admin));
    const calls = (key: string): [Promise<Response>, string][] => [
      [call(getNotes, "GET", `${key}/notes`, { contactId: key }), "notes"],
      [call(postNote, "POST", `${key}/notes`, { contactId: key }, { body: "x" }), "notes"],
      [call(getLinks, "GET", `${key}/links`, { contactId: key }), "links"],
      [call(postLink, "POST", `${key}/links`, { contactId: key }, { url: "https://x.test" }), "links"],
      [call(deleteLink, "DELETE", `${key}/links/1`, { contactId: key, linkId: "1" }), "links/1"],
      [call(tag, "PUT", `${key}/tags/${vip.name}`, { contactId: key, tagName: vip.name }), `tags/${vip.name}`],
      [call(untag, "DELETE", `${key}/tags/${vip.name}`, { contactId: key, tagName: vip.name }), `tags/${vip.name}`],
    ];
    for (const [response, rest] of calls(b.contactKey)) {
      const r = await response;
      expect(r.status, rest).toBe(308);
      expect(r.headers.get("location")).toBe(new URL(`http://localhost/api/v1/contacts/${a.contactKey}/${rest}`).toString());
    }
    for (const [response, rest] of calls("C-NOPE0000")) expect((await response).status, rest).toBe(404);
    expect(await tagsOf(a)).toEqual([]);
  });
});

async function tagsOf(c: Contact) {
  return (await db.select({ name: tags.name }).from(contactTags).innerJoin(tags, eq(tags.id, contactTags.tagId)).where(eq(contactTags.contactId, c.id))).map((t) => t.name);
}
