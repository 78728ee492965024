import { db } from "@/db";
import type { ApiScope } from "@/lib/api-tokens/tokens";
import { bulkJobs, duplicateJobs, type User } from "@/db/schema";
import type { Role } from "@/db/schema/enums";
import { reviewImport, saveImportSettings } from "@/lib/import/job/review";
import { importCsv, importPhone, uploadCsv } from "@/lib/import/test-helpers";
import { ADMINS, SUPERVISORS } from "@/lib/testing/action-cases";
import { actorOf, makeContact, unique, uniquePhone } from "@/lib/testing/factories";
import { CONTACT_PART_ROUTE_CASES } from "@/lib/testing/route-cases-contact-parts";

/**
 * The expected access table of the API routes (every exported HTTP method of every app/api route),
 * keyed "<METHOD> /api/<path>". A guarded row says who may call it (SPEC §1) and builds, afresh for
 * every call, a request that succeeds for an allowed caller; a public row says why it is public.
 */

export interface RouteCall {
  request: Request;
  params: Record<string, string | string[]>;
}

/**
 * Three kinds of door: public; a session's (`roles`, cookie-authenticated); and /api/v1's, which
 * only a bearer token opens (`scope`: the least a token must hold; a session is never enough).
 * A call gets the headers to send (a token route's Authorization); a session route ignores them.
 */
type Call = (user: User, headers: Record<string, string>) => Promise<RouteCall>;

export type RouteCase = { public: string } | { roles: readonly Role[]; call: Call; status: number } | { scope: ApiScope; call: Call; status: number };

const url = (path: string) => `http://localhost${path}`;
const get = (path: string, params: Record<string, string> = {}, headers: Record<string, string> = {}): RouteCall => ({ request: new Request(url(path), { headers }), params });
const csv = (header: string, row: string) => `${header}\n${row}\n`;
const send = (method: string, path: string, body: unknown, params: Record<string, string>, headers: Record<string, string>): RouteCall => ({
  request: new Request(url(path), { method, body: JSON.stringify(body), headers: { ...headers, "content-type": "application/json" } }),
  params,
});

/** A reviewed upload with one rejected row, so that its error file exists. */
async function reviewedWithErrors(user: User): Promise<string> {
  const draft = await uploadCsv(user, `Phone\n${importPhone()}\n12\n`, "mixed.csv");
  await saveImportSettings({ jobId: draft.job.id, mapping: draft.mapping, options: { defaultCountry: "US", tags: [], existing: "merge" } }, actorOf(user));
  await reviewImport(draft.job.id);
  return draft.job.id;
}

/** An import that ran with a warning: its row's phone is A's and its e-mail B's (SPEC §6). */
async function ranWithWarning(user: User): Promise<string> {
  const [pa, eb] = [importPhone(), `${unique("b")}@matrix.test`];
  await makeContact({}, { phones: [pa] });
  await makeContact({}, { emails: [eb] });
  return (await importCsv(user, csv("Phone,Email", `${pa},${eb}`))).jobId;
}

export const ROUTE_CASES: Record<string, RouteCase> = {
  "GET /api/auth/[...nextauth]": { public: "next-auth's sign-in page, CSRF token and session: reachable before signing in, by design" },
  "POST /api/auth/[...nextauth]": { public: "next-auth's sign-in and sign-out: credentials are checked there (lib/auth/sign-in.ts), rate-limited" },
  "GET /api/auth/deactivated": { public: "only deletes the caller's own session cookies and redirects to /login" },
  "GET /api/health": { public: "liveness for load balancers and CI: answers ok or unreachable (and the read replica's lag when one is set), nothing else" },
  // SPEC §1: export is a supervisor's.
  "GET /api/contacts/export": {
    roles: SUPERVISORS,
    status: 200,
    call: async () => {
      const c = await makeContact({ company: unique("Export Co ") });
      return get(`/api/contacts/export?ids=${c.id}`);
    },
  },
  // SPEC §8: the GDPR access export of one contact is an administrator's.
  "GET /api/contacts/[contactId]/personal-data": {
    roles: ADMINS,
    status: 200,
    call: async () => {
      const c = await makeContact({ company: unique("Access Co ") });
      return get(`/api/contacts/${c.id}/personal-data`, { contactId: String(c.id) });
    },
  },
  // SPEC §8: the audit log is the admins'.
  "GET /api/audit/export": {
    roles: ["admin"],
    status: 200,
    call: async (user) => get(`/api/audit/export?actor=u${user.id}`),
  },
  // The bulk progress bar's poll: bulk actions are a supervisor's.
  "GET /api/bulk-jobs/[jobId]": {
    roles: SUPERVISORS,
    status: 200,
    call: async (user) => {
      const [job] = await db.insert(bulkJobs).values({ action: "block", params: { blocked: true }, status: "completed", total: 0, createdById: user.id }).returning();
      return get(`/api/bulk-jobs/${job!.id}`, { jobId: job!.id });
    },
  },
  // The duplicate finder's progress is the mergers' (SPEC §1).
  "GET /api/duplicate-jobs/[jobId]": {
    roles: SUPERVISORS,
    status: 200,
    call: async (user) => {
      const [job] = await db.insert(duplicateJobs).values({ kind: "compute", status: "completed", createdById: user.id }).returning();
      return get(`/api/duplicate-jobs/${job!.id}`, { jobId: job!.id });
    },
  },
  // SPEC §1 and §6: import is a supervisor's, every step of it.
  "POST /api/imports": {
    roles: SUPERVISORS,
    status: 201,
    call: async () => ({
      request: new Request(url("/api/imports?name=matrix.csv"), { method: "POST", body: csv("First Name,Phone", `Ada,${importPhone()}`), headers: { "content-type": "text/csv" } }),
      params: {},
    }),
  },
  "GET /api/imports/template": { roles: SUPERVISORS, status: 200, call: async () => get("/api/imports/template") },
  "GET /api/imports/[id]": {
    roles: SUPERVISORS,
    status: 200,
    call: async (user) => {
      const { job } = await uploadCsv(user, csv("Phone", importPhone()));
      return get(`/api/imports/${job.id}`, { id: job.id });
    },
  },
  "GET /api/imports/[id]/errors": {
    roles: SUPERVISORS,
    status: 200,
    call: async (user) => {
      const id = await reviewedWithErrors(user);
      return get(`/api/imports/${id}/errors`, { id });
    },
  },
  "GET /api/imports/[id]/warnings": {
    roles: SUPERVISORS,
    status: 200,
    call: async (user) => {
      const id = await ranWithWarning(user);
      return get(`/api/imports/${id}/warnings`, { id });
    },
  },
  // SPEC §7: the public API, bearer tokens only; reads need the read scope.
  "GET /api/v1/tags": { scope: "read", status: 200, call: async (_user, headers) => get("/api/v1/tags", {}, headers) },
  "GET /api/v1/attributes": { scope: "read", status: 200, call: async (_user, headers) => get("/api/v1/attributes", {}, headers) },
  "GET /api/v1/users": { scope: "read", status: 200, call: async (_user, headers) => get("/api/v1/users", {}, headers) },
  "GET /api/v1/openapi.json": { public: "the API's OpenAPI document: describes the endpoints, holds no data, like any public API reference" },
  "GET /api/v1/contacts": { scope: "read", status: 200, call: async (_user, headers) => get("/api/v1/contacts?limit=2", {}, headers) },
  "GET /api/v1/contacts/[contactId]": {
    scope: "read",
    status: 200,
    call: async (_user, headers) => {
      const c = await makeContact({ company: unique("Api Co ") });
      return get(`/api/v1/contacts/${c.contactKey}`, { contactId: c.contactKey }, headers);
    },
  },
  // Writes need the write scope.
  "POST /api/v1/contacts": { scope: "write", status: 201, call: async (_user, headers) => send("POST", "/api/v1/contacts", { phones: [uniquePhone()] }, {}, headers) },
  "PATCH /api/v1/contacts/[contactId]": {
    scope: "write",
    status: 200,
    call: async (_user, headers) => {
      const c = await makeContact();
      return send("PATCH", `/api/v1/contacts/${c.contactKey}`, { job_title: "Patched" }, { contactId: c.contactKey }, headers);
    },
  },
  "DELETE /api/v1/contacts/[contactId]": {
    scope: "write",
    status: 204,
    call: async (_user, headers) => {
      const c = await makeContact();
      return { request: new Request(url(`/api/v1/contacts/${c.contactKey}`), { method: "DELETE", headers }), params: { contactId: c.contactKey } };
    },
  },
  "POST /api/v1/contacts/batch": {
    scope: "write",
    status: 200,
    call: async (_user, headers) => send("POST", "/api/v1/contacts/batch", { items: [{ phones: [uniquePhone()] }] }, {}, headers),
  },
  "POST /api/v1/integrations/[source]/contacts": {
    scope: "write",
    status: 200,
    call: async (_user, headers) => send("POST", "/api/v1/integrations/hubspot/contacts", { records: [{ external_id: unique("hs-"), kind: "lead", phones: [uniquePhone()] }] }, { source: "hubspot" }, headers),
  },
  ...CONTACT_PART_ROUTE_CASES,
  // A message from a sender nobody holds: a new lead each call.
  "POST /api/v1/inbound": {
    scope: "write",
    status: 201,
    call: async (_user, headers) => send("POST", "/api/v1/inbound", { channel: "sms", from: uniquePhone(), message_id: unique("sms-"), text: "Hello" }, {}, headers),
  },
  // A merge is a write: two fresh contacts, merged for real.
  "POST /api/v1/contacts/merge": {
    scope: "write",
    status: 200,
    call: async (_user, headers) => {
      const [a, b] = [await makeContact({ company: unique("Merge Co ") }), await makeContact()];
      const body = JSON.stringify({ primary: a.contactKey, others: [b.contactKey] });
      return { request: new Request(url("/api/v1/contacts/merge"), { method: "POST", body, headers: { ...headers, "content-type": "application/json" } }), params: {} };
    },
  },
};
