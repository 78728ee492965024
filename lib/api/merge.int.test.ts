import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getContact } from "@/app/api/v1/contacts/[contactId]/route";
import { POST as merge } from "@/app/api/v1/contacts/merge/route";
import { db } from "@/db";
import { auditLog, contactRedirects, contacts, type Contact, type User } from "@/db/schema";
import { mergeContacts } from "@/lib/contacts/merge";
import { makeToken } from "@/lib/testing/api-tokens";
import { actorOf, makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";

/** POST /api/v1/contacts/merge: the drawer's merge and preview, by Contact ID (access by token kind: lib/auth/access-routes.int.test.ts). */
let admin: User;
let tokenName: string;
let auth: Record<string, string>;
beforeAll(async () => {
  admin = await makeUser("admin");
  tokenName = unique("Merger ");
  auth = { authorization: `Bearer ${(await makeToken(admin, "write", tokenName)).secret}`, "content-type": "application/json" };
});

const post = (body: unknown) => merge(new Request("http://localhost/api/v1/contacts/merge", { method: "POST", headers: auth, body: JSON.stringify(body) }));
const get = (key: string) => getContact(new Request(`http://localhost/api/v1/contacts/${key}`, { headers: auth }), { params: Promise.resolve({ contactId: key }) });
type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };

async function pair(): Promise<[Contact, Contact]> {
  const a = await makeContact({ firstName: "Ada", company: "Old Co", jobTitle: null }, { phones: [uniquePhone()], emails: [`${unique("a")}@merge.test`] });
  const b = await makeContact({ firstName: "Ada", company: "New Co", jobTitle: "Engineer" }, { phones: [uniquePhone()] });
  return [a, b];
}

async function rowsOf(cs: Contact[]) {
  return db.select().from(contacts).where(inArray(contacts.id, cs.map((c) => c.id))).orderBy(contacts.id);
}

describe("POST /api/v1/contacts/merge", () => {
  it("dry_run answers the drawer's preview by Contact ID and changes nothing", async () => {
    const [a, b] = await pair();
    const before = await rowsOf([a, b]);
    const response = await post({ primary: a.contactKey, others: [b.contactKey], fields: { company: b.contactKey }, dry_run: true });
    expect(response.status).toBe(200);
    const preview = (await response.json()) as Record<string, unknown> & { fields: { field: string; value: unknown; from: string | null; rule: string }[]; phones: { from: string }[] };
    expect(preview).toMatchObject({ dry_run: true, primary: a.contactKey, others: [b.contactKey] });
    expect(preview.fields.find((f) => f.field === "company")).toMatchObject({ value: "New Co", from: b.contactKey, rule: "chosen" });
    expect(preview.fields.find((f) => f.field === "job_title")).toMatchObject({ value: "Engineer", from: b.contactKey, rule: "filled" });
    expect(preview.phones.map((p) => p.from).sort()).toEqual([a.contactKey, b.contactKey].sort());
    expect(JSON.stringify(preview)).not.toMatch(/"(contactId|primaryId|sourceId)"/);

    expect(await rowsOf([a, b])).toEqual(before);
    expect(await db.select().from(contactRedirects).where(eq(contactRedirects.oldContactId, b.id))).toEqual([]);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, "contact.merge"), eq(auditLog.entityId, String(a.id))))).toEqual([]);
  });

  it("merges as the drawer does, answers the merged contact, is audited as the token, and the merged-away id then redirects", async () => {
    const [a, b] = await pair();
    const response = await post({ primary: a.contactKey, others: [b.contactKey], fields: { company: b.contactKey } });
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toMatch(/^"/);
    const body = (await response.json()) as { contact_id: string; company: string; job_title: string; phones: unknown[] };
    expect(body).toMatchObject({ contact_id: a.contactKey, company: "New Co", job_title: "Engineer" });
    expect(body.phones).toHaveLength(2);

    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, "contact.merge"), eq(auditLog.entityId, String(a.id))));
    expect(audit?.actorLabel).toBe(`API token ${tokenName}`);
    const gone = await get(b.contactKey);
    expect(gone.status).toBe(308);
    expect(gone.headers.get("location")).toBe(`http://localhost/api/v1/contacts/${a.contactKey}`);
  });

  it("refuses a merged-away Contact ID, as primary or among the others, with 409 naming where it went", async () => {
    const [a, b] = await pair();
    const c = await makeContact();
    await mergeContacts({ primaryId: a.id, contactIds: [a.id, b.id] }, actorOf(admin));
    for (const body of [{ primary: c.contactKey, others: [b.contactKey] }, { primary: b.contactKey, others: [c.contactKey] }]) {
      const before = await rowsOf([a, c]);
      const response = await post(body);
      expect(response.status).toBe(409);
      const { error } = (await response.json()) as ErrorBody;
      expect(error.code).toBe("conflict");
      expect(error.details).toEqual({ merged_into: { [b.contactKey]: a.contactKey } });
      expect(await rowsOf([a, c])).toEqual(before);
    }
  });

  it("answers 404 for an unknown Contact ID and 422 by field for what a merge cannot take", async () => {
    const [a, b] = await pair();
    const unknown = await post({ primary: a.contactKey, others: ["C-NOSUCH00"] });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as ErrorBody).error.code).toBe("not_found");
    const cases: [unknown, string][] = [
      [{ primary: a.contactKey, others: [] }, "others"],
      [{ primary: a.contactKey, others: [a.contactKey] }, "others.0"],
      [{ primary: a.contactKey, others: [b.contactKey, b.contactKey] }, "others.1"],
      [{ primary: a.contactKey, others: [b.contactKey], fields: { company: "C-OTHER" } }, "fields.company"],
      [{ primary: a.contactKey, others: [b.contactKey], fields: { shoe_size: b.contactKey } }, "fields.shoe_size"],
      [{ primary: a.contactKey, others: [b.contactKey], fields: { job_title: a.contactKey } }, "fields.job_title"],
      [{ primary: a.contactKey, others: [b.contactKey], dryrun: true }, "_form"],
      [{ primary: a.contactKey, others: [b.contactKey], dry_run: "yes" }, "dry_run"],
    ];
    for (const [body, field] of cases) {
      const before = await rowsOf([a, b]);
      const response = await post(body);
      const { error } = (await response.json()) as ErrorBody;
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(error.details ?? {}), JSON.stringify(error)).toContain(field);
      expect(await rowsOf([a, b])).toEqual(before);
    }
  });
});
