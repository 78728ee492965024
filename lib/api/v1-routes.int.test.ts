import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "@/db/schema";
import { GET as getAttributes } from "@/app/api/v1/attributes/route";
import { GET as getContact } from "@/app/api/v1/contacts/[contactId]/route";
import { GET as getContacts } from "@/app/api/v1/contacts/route";
import { GET as getTags } from "@/app/api/v1/tags/route";
import { GET as getUsers } from "@/app/api/v1/users/route";
import { createDefinition } from "@/lib/attributes/definitions";
import { mergeContacts } from "@/lib/contacts/merge";
import { updateContactField } from "@/lib/contacts/update";
import { makeToken } from "@/lib/testing/api-tokens";
import { makeTag } from "@/lib/testing/bulk-fixtures";
import { actorOf, makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";
import { setUserActive } from "@/lib/users/users";

/** What each first /api/v1 endpoint answers a read token (access by token kind: lib/auth/access-routes.int.test.ts). */
let admin: User;
let auth: Record<string, string>;
beforeAll(async () => {
  admin = await makeUser("admin");
  auth = { authorization: `Bearer ${(await makeToken(admin, "read")).secret}` };
});

const req = (path: string) => new Request(`http://localhost${path}`, { headers: auth });
const contact = (key: string) => getContact(req(`/api/v1/contacts/${encodeURIComponent(key)}`), { params: Promise.resolve({ contactId: key }) });
type List<T> = { data: T[] };

describe("GET /api/v1/contacts/{contact_id}", () => {
  it("answers the contact in snake_case by its Contact ID, with an ETag that follows its changes", async () => {
    const phone = uniquePhone();
    const c = await makeContact({ firstName: "Ada", lastName: "Lovelace", jobTitle: "Analyst" }, { phones: [phone], emails: [`${unique("ada")}@api.test`] });
    const response = await contact(c.contactKey);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ contact_id: c.contactKey, first_name: "Ada", last_name: "Lovelace", full_name: "Ada Lovelace", job_title: "Analyst", phones: [{ phone, is_primary: true }], tags: [], attributes: {} });
    for (const hidden of ["id", "search_doc", "search_key", "attr_words", "firstName"]) expect(body).not.toHaveProperty(hidden);
    const etag = response.headers.get("etag");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(response.headers.get("ratelimit-limit")).toBeTruthy();

    expect((await contact(c.contactKey)).headers.get("etag")).toBe(etag);
    await updateContactField({ contactId: c.id, version: c.version, field: "jobTitle", value: "Engineer" }, actorOf(admin));
    const changed = await contact(c.contactKey);
    expect(((await changed.json()) as { job_title: string }).job_title).toBe("Engineer");
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("answers 404 with the error envelope for an unknown Contact ID", async () => {
    const response = await contact("C-NOPE0000");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "No contact has this Contact ID." } });
  });

  it("redirects a merged-away Contact ID (308) to the primary's, also through an earlier merge", async () => {
    const [a, b, x] = [await makeContact(), await makeContact(), await makeContact()];
    await mergeContacts({ primaryId: b.id, contactIds: [b.id, x.id] }, actorOf(admin));
    await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id] }, actorOf(admin));
    for (const gone of [b, x]) {
      const response = await contact(gone.contactKey);
      expect(response.status).toBe(308);
      expect(response.headers.get("location")).toBe(`http://localhost/api/v1/contacts/${a.contactKey}`);
      expect(response.headers.get("ratelimit-remaining")).toMatch(/^\d+$/);
    }
    expect((await contact(a.contactKey)).status).toBe(200);
  });
});

describe("GET /api/v1/contacts", () => {
  type Page = { data: { contact_id: string; last_name: string }[]; next_cursor: string | null };
  const page = async (query: string) => (await (await getContacts(req(`/api/v1/contacts?${query}`))).json()) as Page;

  it("walks a searched set in keyset pages without duplicates or gaps, while contacts are inserted", async () => {
    const lastName = unique("Pager");
    const first = await Promise.all(Array.from({ length: 7 }, () => makeContact({ lastName })));
    const seen: string[] = [];
    let cursor: string | null = null;
    let added = false;
    do {
      const p: Page = await page(`q=${lastName}&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(p.data.length).toBeLessThanOrEqual(3);
      for (const c of p.data) expect(c.last_name).toBe(lastName);
      seen.push(...p.data.map((c) => c.contact_id));
      cursor = p.next_cursor;
      if (!added) {
        added = true;
        first.push(await makeContact({ lastName })); // lands after the cursor: it is met on a later page
      }
    } while (cursor);
    expect(seen).toHaveLength(new Set(seen).size);
    expect(seen.sort()).toEqual(first.map((c) => c.contactKey).sort());
  });

  it("defaults to 25 and refuses a limit outside 1–100 or a forged cursor with 400", async () => {
    expect((await page("")).data.length).toBeLessThanOrEqual(25);
    for (const query of ["limit=0", "limit=101", "limit=abc", "cursor=not*ours"]) {
      const response = await getContacts(req(`/api/v1/contacts?${query}`));
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("bad_request");
    }
  });
});

describe("GET /api/v1/tags, /attributes, /users", () => {
  it("lists the tags", async () => {
    const tag = await makeTag(unique("Api tag "));
    const { data } = (await (await getTags(req("/api/v1/tags"))).json()) as List<{ id: number; name: string; color: string }>;
    expect(data).toContainEqual({ id: tag.id, name: tag.name, color: tag.color });
  });

  it("lists the custom attribute definitions", async () => {
    const def = await createDefinition({ label: unique("Tier "), type: "dropdown", options: ["Gold", "Silver"] }, actorOf(admin));
    const { data } = (await (await getAttributes(req("/api/v1/attributes"))).json()) as List<Record<string, unknown>>;
    expect(data).toContainEqual({ key: def.key, label: def.label, type: "dropdown", options: ["Gold", "Silver"], position: def.position });
  });

  it("lists the active users with id, name, e-mail and role, and nothing else", async () => {
    const agent = await makeUser("agent");
    const gone = await makeUser("agent");
    await setUserActive(gone.id, false, actorOf(admin));
    const { data } = (await (await getUsers(req("/api/v1/users"))).json()) as List<Record<string, unknown>>;
    expect(data).toContainEqual({ id: agent.id, name: agent.name, email: agent.email, role: "agent" });
    expect(data.map((u) => u.id)).not.toContain(gone.id);
    for (const u of data) expect(Object.keys(u).sort()).toEqual(["email", "id", "name", "role"]);
  });
});
