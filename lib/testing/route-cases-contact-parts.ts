import { eq } from "drizzle-orm";
import { db } from "@/db";
import { contactLinks, contactTags, mergeJournals } from "@/db/schema";
import { SYSTEM_ACTOR } from "@/lib/audit";
import { mergeContacts } from "@/lib/contacts/merge";
import { makeTag } from "@/lib/testing/bulk-fixtures";
import { makeContact, unique } from "@/lib/testing/factories";
import type { RouteCall, RouteCase } from "@/lib/testing/route-cases";

/**
 * The access rows of a contact's activities, notes, links and tags under /api/v1 (spread into
 * ROUTE_CASES): reads need the read scope, every change the write scope. Each call builds its own
 * contact, so that every bearer's request succeeds on its own when its scope allows it.
 */

const url = (path: string) => `http://localhost/api/v1/contacts/${path}`;

function request(method: string, path: string, params: Record<string, string>, headers: Record<string, string>, body?: unknown): RouteCall {
  const init: RequestInit = { method, headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return { request: new Request(url(path), init), params };
}

async function contactKey(): Promise<string> {
  return (await makeContact({ company: unique("Parts Co ") })).contactKey;
}

export const CONTACT_PART_ROUTE_CASES: Record<string, RouteCase> = {
  "GET /api/v1/contacts/[contactId]/activities": {
    scope: "read",
    status: 200,
    call: async (_user, headers) => {
      const key = await contactKey();
      return request("GET", `${key}/activities?limit=5`, { contactId: key }, headers);
    },
  },
  "POST /api/v1/contacts/[contactId]/activities": {
    scope: "write",
    status: 201,
    call: async (_user, headers) => {
      const key = await contactKey();
      return request("POST", `${key}/activities`, { contactId: key }, headers, { type: "order", summary: "Order #1 paid", external_ref: unique("order-") });
    },
  },
  "GET /api/v1/contacts/[contactId]/notes": {
    scope: "read",
    status: 200,
    call: async (_user, headers) => {
      const key = await contactKey();
      return request("GET", `${key}/notes`, { contactId: key }, headers);
    },
  },
  "POST /api/v1/contacts/[contactId]/notes": {
    scope: "write",
    status: 201,
    call: async (_user, headers) => {
      const key = await contactKey();
      return request("POST", `${key}/notes`, { contactId: key }, headers, { body: "Called back" });
    },
  },
  "GET /api/v1/contacts/[contactId]/links": {
    scope: "read",
    status: 200,
    call: async (_user, headers) => {
      const key = await contactKey();
      return request("GET", `${key}/links`, { contactId: key }, headers);
    },
  },
  "POST /api/v1/contacts/[contactId]/links": {
    scope: "write",
    status: 201,
    call: async (_user, headers) => {
      const key = await contactKey();
      return request("POST", `${key}/links`, { contactId: key }, headers, { label: "CRM", url: "https://crm.example.test/1" });
    },
  },
  "DELETE /api/v1/contacts/[contactId]/links/[linkId]": {
    scope: "write",
    status: 204,
    call: async (_user, headers) => {
      const c = await makeContact();
      const [link] = await db.insert(contactLinks).values({ contactId: c.id, label: "CRM", url: "https://crm.example.test/2" }).returning();
      return request("DELETE", `${c.contactKey}/links/${link!.id}`, { contactId: c.contactKey, linkId: String(link!.id) }, headers);
    },
  },
  // Attaching an existing tag is a write; creating a new one needs admin (lib/api/contact-parts.int.test.ts).
  "PUT /api/v1/contacts/[contactId]/tags/[tagName]": {
    scope: "write",
    status: 201,
    call: async (_user, headers) => {
      const [key, tag] = [await contactKey(), await makeTag(unique("Route tag "))];
      return request("PUT", `${key}/tags/${encodeURIComponent(tag.name)}`, { contactId: key, tagName: tag.name }, headers);
    },
  },
  "DELETE /api/v1/contacts/[contactId]/tags/[tagName]": {
    scope: "write",
    status: 204,
    call: async (_user, headers) => {
      const [c, tag] = [await makeContact(), await makeTag(unique("Route tag "))];
      await db.insert(contactTags).values({ contactId: c.id, tagId: tag.id });
      return request("DELETE", `${c.contactKey}/tags/${encodeURIComponent(tag.name)}`, { contactId: c.contactKey, tagName: tag.name }, headers);
    },
  },
  // Merge undo (SPEC §9): listing is a read, undoing a write, like the merge itself.
  "GET /api/v1/contacts/[contactId]/merges": {
    scope: "read",
    status: 200,
    call: async (_user, headers) => {
      const key = await contactKey();
      return request("GET", `${key}/merges`, { contactId: key }, headers);
    },
  },
  "POST /api/v1/contacts/[contactId]/merges/[mergeId]/undo": {
    scope: "write",
    status: 200,
    call: async (_user, headers) => {
      const [a, b] = [await makeContact({ company: unique("Undo Co ") }), await makeContact()];
      await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id] }, SYSTEM_ACTOR);
      const [journal] = await db.select({ id: mergeJournals.id }).from(mergeJournals).where(eq(mergeJournals.primaryId, a.id));
      const mergeId = String(journal!.id);
      return request("POST", `${a.contactKey}/merges/${mergeId}/undo`, { contactId: a.contactKey, mergeId }, headers);
    },
  },
};
