import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { db } from "@/db";
import { GET as getAttributes } from "@/app/api/v1/attributes/route";
import { GET as getContact } from "@/app/api/v1/contacts/[contactId]/route";
import { GET as getContacts } from "@/app/api/v1/contacts/route";
import { GET as getDocument } from "@/app/api/v1/openapi.json/route";
import { GET as getTags } from "@/app/api/v1/tags/route";
import { GET as getUsers } from "@/app/api/v1/users/route";
import { contactAttributeValues, contactExternalIds, contactLinks, contactTags } from "@/db/schema";
import { errorBodySchema } from "@/lib/api/error-body";
import { attributeSchema, contactPageSchema, contactSchema, tagSchema, userSchema } from "@/lib/api/present";
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
let contactKey: string;
beforeAll(async () => {
  const admin = await makeUser("admin");
  auth = { authorization: `Bearer ${(await makeToken(admin, "read")).secret}` };
  const tag = await makeTag(unique("Doc tag "));
  const def = await createDefinition({ label: unique("Seats "), type: "number", options: [] }, actorOf(admin));
  const c = await makeContact({ company: unique("Doc Co "), favoriteAgentId: admin.id, blocked: true, blockedAt: new Date(), blockedById: admin.id, archived: true, archivedAt: new Date() }, { phones: [uniquePhone()], emails: [`${unique("doc")}@api.test`] });
  await db.insert(contactTags).values({ contactId: c.id, tagId: tag.id });
  await db.insert(contactExternalIds).values({ contactId: c.id, system: "shop", externalId: unique("cus_") });
  await db.insert(contactLinks).values({ contactId: c.id, label: "Site", url: "https://example.com/doc" });
  await db.insert(contactAttributeValues).values({ contactId: c.id, attributeId: def.id, numberValue: "12" });
  contactKey = c.contactKey;
});

const req = (path: string) => new Request(`http://localhost${path}`, { headers: auth });

/** The schema, its objects strict all the way down, so an undocumented key fails the parse. */
function strict(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) return z.strictObject(Object.fromEntries(Object.entries(schema.shape as Record<string, z.ZodType>).map(([k, v]) => [k, strict(v)])));
  if (schema instanceof z.ZodArray) return z.array(strict(schema.element as z.ZodType));
  if (schema instanceof z.ZodNullable) return strict(schema.unwrap() as z.ZodType).nullable();
  return schema;
}

async function answer(response: Response | Promise<Response>, schema: z.ZodType) {
  const r = await response;
  const body: unknown = await r.json();
  expect(r.status, JSON.stringify(body)).toBe(200);
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
