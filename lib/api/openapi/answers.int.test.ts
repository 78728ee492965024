import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/db";
import { GET as getAttributes } from "@/app/api/v1/attributes/route";
import { GET as getContact } from "@/app/api/v1/contacts/[contactId]/route";
import { GET as getActivities, POST as postActivity } from "@/app/api/v1/contacts/[contactId]/activities/route";
import { GET as getLinks, POST as postLink } from "@/app/api/v1/contacts/[contactId]/links/route";
import { GET as getNotes, POST as postNote } from "@/app/api/v1/contacts/[contactId]/notes/route";
import { PUT as putTag } from "@/app/api/v1/contacts/[contactId]/tags/[tagName]/route";
import { POST as postMerge } from "@/app/api/v1/contacts/merge/route";
import { GET as getContacts } from "@/app/api/v1/contacts/route";
import { GET as getDocument } from "@/app/api/v1/openapi.json/route";
import { GET as getTags } from "@/app/api/v1/tags/route";
import { GET as getUsers } from "@/app/api/v1/users/route";
import { contactAttributeValues, contactExternalIds, contactLinks, contactTags } from "@/db/schema";
import { errorBodySchema } from "@/lib/api/error-body";
import { mergePreviewSchema } from "@/lib/api/merge";
import {
  attributeSchema,
  batchAnswerSchema,
  contactPageSchema,
  contactSchema,
  contactTagSchema,
  eventPageSchema,
  eventSchema,
  linkPageSchema,
  linkSchema,
  notePageSchema,
  noteSchema,
  tagSchema,
  userSchema,
} from "@/lib/api/present";
import { contactApi } from "@/lib/testing/contact-api";
import { createDefinition } from "@/lib/attributes/definitions";
import { makeToken } from "@/lib/testing/api-tokens";
import { makeTag } from "@/lib/testing/bulk-fixtures";
import { actorOf, makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";
import { openApiDocument } from "./document";

/**
 * The document tells the truth: what each /api/v1 route answers parses with the schema its
 * operation documents, no key more (a key the presenter adds without documenting it fails here).
 */
let auth: Record<string, string>;
let writeAuth: Record<string, string>;
let writer: ReturnType<typeof contactApi>;
let contactKey: string;
let tagName: string;
beforeAll(async () => {
  const admin = await makeUser("admin");
  auth = { authorization: `Bearer ${(await makeToken(admin, "read")).secret}` };
  const writeSecret = (await makeToken(admin, "write")).secret;
  writeAuth = { authorization: `Bearer ${writeSecret}`, "content-type": "application/json" };
  writer = contactApi(writeSecret);
  const tag = await makeTag(unique("Doc tag "));
  tagName = tag.name;
  const def = await createDefinition({ label: unique("Seats "), type: "number", options: [] }, actorOf(admin));
  const c = await makeContact({ company: unique("Doc Co "), favoriteAgentId: admin.id, blocked: true, blockedAt: new Date(), blockedById: admin.id, archived: true, archivedAt: new Date() }, { phones: [uniquePhone()], emails: [`${unique("doc")}@api.test`] });
  await db.insert(contactTags).values({ contactId: c.id, tagId: tag.id });
  await db.insert(contactExternalIds).values({ contactId: c.id, system: "shop", externalId: unique("cus_") });
  await db.insert(contactLinks).values({ contactId: c.id, label: "Site", url: "https://example.com/doc" });
  await db.insert(contactAttributeValues).values({ contactId: c.id, attributeId: def.id, numberValue: "12" });
  contactKey = c.contactKey;
});

const req = (path: string) => new Request(`http://localhost${path}`, { headers: auth });
const send = (method: string, path: string, body?: unknown) =>
  new Request(`http://localhost${path}`, { method, headers: writeAuth, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const at = (key: string) => ({ params: Promise.resolve({ contactId: key }) });

/** The schema, its objects strict all the way down, so an undocumented key fails the parse. */
function strict(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) return z.strictObject(Object.fromEntries(Object.entries(schema.shape as Record<string, z.ZodType>).map(([k, v]) => [k, strict(v)])));
  if (schema instanceof z.ZodArray) return z.array(strict(schema.element as z.ZodType));
  if (schema instanceof z.ZodNullable) return strict(schema.unwrap() as z.ZodType).nullable();
  if (schema instanceof z.ZodOptional) return strict(schema.unwrap() as z.ZodType).optional();
  if (schema instanceof z.ZodUnion) return z.union((schema.options as z.ZodType[]).map(strict) as [z.ZodType, z.ZodType]);
  return schema;
}

async function answer(response: Response | Promise<Response>, schema: z.ZodType, status = 200) {
  const r = await response;
  const body: unknown = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(status);
  const parsed = strict(schema).safeParse(body);
  expect(parsed.success, parsed.error?.message).toBe(true);
  return body;
}

describe("what /api/v1 answers, against its OpenAPI document", () => {
  it("GET /contacts/{contact_id}: a contact with every kind of child", async () => {
    const body = (await answer(getContact(req(`/api/v1/contacts/${contactKey}`), { params: Promise.resolve({ contactId: contactKey }) }), contactSchema)) as z.output<typeof contactSchema>;
    expect(body.tags).toHaveLength(1);
    expect(Object.values(body.attributes)).toEqual([12]);
    expect(body.blocked_at).not.toBeNull();
  });

  it("GET /contacts, /tags, /attributes, /users", async () => {
    await answer(getContacts(req("/api/v1/contacts?limit=5")), contactPageSchema);
    await answer(getTags(req("/api/v1/tags")), z.object({ data: z.array(tagSchema) }));
    await answer(getAttributes(req("/api/v1/attributes")), z.object({ data: z.array(attributeSchema) }));
    await answer(getUsers(req("/api/v1/users")), z.object({ data: z.array(userSchema) }));
  });

  it("POST /contacts (201, Location, ETag) and PATCH /contacts/{contact_id}", async () => {
    const key = unique("DOC-");
    const created = await writer.create({ contact_id: key, first_name: "Ada", phones: [uniquePhone()], emails: [`${unique("ada")}@api.test`], tags: [tagName] });
    expect(created.headers.get("location")).toBe(writer.path(key));
    expect(created.headers.get("etag")).toMatch(/^"/);
    await answer(created, contactSchema, 201);
    await answer(writer.patch(key, { job_title: "Engineer", attributes: {} }), contactSchema);
  });

  it("POST /contacts/batch: a created item, an updated one and an error", async () => {
    const key = unique("DOC-B-");
    const body = (await answer(
      writer.batch({ items: [{ contact_id: key, phones: [uniquePhone()] }, { contact_id: key, company: "Batch Co" }, { emails: ["not an e-mail"] }] }),
      batchAnswerSchema,
    )) as z.output<typeof batchAnswerSchema>;
    expect(body.results.map((r) => r.status)).toEqual(["created", "updated", "error"]);
    for (const result of body.results) {
      const variant = result.status === "error" ? z.object({ status: z.literal("error"), error: batchAnswerSchema.shape.results.element.options[1].shape.error }) : z.object({ status: z.enum(["created", "updated"]), contact: contactSchema, etag: z.string() });
      const parsed = strict(variant).safeParse(result);
      expect(parsed.success, parsed.error?.message).toBe(true);
    }
  });

  it("the timeline, notes, links and a tag under /contacts/{contact_id}", async () => {
    const base = `/api/v1/contacts/${contactKey}`;
    await answer(postActivity(send("POST", `${base}/activities`, { type: "call", summary: "Doc call", payload: { minutes: 4 }, external_ref: unique("doc-call-") }), at(contactKey)), eventSchema, 201);
    const timeline = (await answer(getActivities(req(`${base}/activities?limit=2`), at(contactKey)), eventPageSchema)) as z.output<typeof eventPageSchema>;
    expect(timeline.data.length).toBeGreaterThan(0);
    await answer(postNote(send("POST", `${base}/notes`, { body: "Doc note" }), at(contactKey)), noteSchema, 201);
    await answer(getNotes(req(`${base}/notes`), at(contactKey)), notePageSchema);
    await answer(postLink(send("POST", `${base}/links`, { url: "https://example.com/doc-2" }), at(contactKey)), linkSchema, 201);
    await answer(getLinks(req(`${base}/links`), at(contactKey)), linkPageSchema);
    const tagged = putTag(send("PUT", `${base}/tags/${encodeURIComponent(tagName)}`), { params: Promise.resolve({ contactId: contactKey, tagName }) });
    await answer(tagged, contactTagSchema);
  });

  it("POST /contacts/merge with dry_run: the preview", async () => {
    const [a, b] = [await makeContact({ company: unique("Merge A ") }, { phones: [uniquePhone()] }), await makeContact({ company: unique("Merge B "), jobTitle: "Analyst" }, { phones: [uniquePhone()] })];
    const body = { primary: a.contactKey, others: [b.contactKey], fields: { company: b.contactKey }, dry_run: true };
    const preview = (await answer(postMerge(send("POST", "/api/v1/contacts/merge", body)), mergePreviewSchema)) as z.output<typeof mergePreviewSchema>;
    expect(preview.fields.find((f) => f.field === "company")).toMatchObject({ rule: "chosen", from: b.contactKey });
  });

  it("an error, in the documented envelope", async () => {
    const response = await getContacts(req("/api/v1/contacts?limit=0"));
    expect(response.status).toBe(400);
    expect(errorBodySchema.safeParse(await response.json()).success).toBe(true);
  });

  it("GET /openapi.json: the document, without a token", async () => {
    const response = getDocument();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});
