import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { contacts, type User } from "@/db/schema";
import { mergeContacts } from "@/lib/contacts/merge";
import { makeToken } from "@/lib/testing/api-tokens";
import { auditOf, contactApi, json, refusal, rowsNamed } from "@/lib/testing/contact-api";
import { actorOf, makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";
import { BATCH_LIMIT } from "./contact-body";

/** POST /api/v1/contacts/batch: creates and updates, each item answered on its own. */
let admin: User;
let tokenName: string;
let api: ReturnType<typeof contactApi>;
beforeAll(async () => {
  admin = await makeUser("admin");
  const { secret, token } = await makeToken(admin, "write");
  tokenName = token.name;
  api = contactApi(secret);
});

type Result = { status: string; contact?: Record<string, unknown>; etag?: string; error?: { code: string; message: string; details?: unknown } };

describe("POST /api/v1/contacts/batch", () => {
  it("creates and updates item by item; a bad item fails only itself", async () => {
    const lastName = unique("Batch");
    const held = uniquePhone();
    const holder = await makeContact({ lastName: unique("Holder") }, { phones: [held] });
    const existing = await makeContact({ lastName, jobTitle: "Before" });
    const [gone, primary] = [await makeContact({ lastName }), await makeContact({ lastName })];
    await mergeContacts({ primaryId: primary.id, contactIds: [primary.id, gone.id] }, actorOf(admin));
    const newKey = unique("NEW-");
    const fresh = uniquePhone();

    const response = await api.batch({
      items: [
        { last_name: lastName, first_name: "Created", phones: [fresh] },
        { contact_id: existing.contactKey, job_title: "After" },
        { last_name: lastName, phones: ["12"] },
        { last_name: lastName, phones: [held] },
        { contact_id: newKey, last_name: lastName, job_title: "First" },
        { contact_id: newKey, job_title: "Second" },
        { contact_id: gone.contactKey, job_title: "Via redirect" },
        { last_name: lastName, phones: 5 },
        { contact_id: existing.contactKey, source: "whatsapp" },
        { last_name: lastName, phones: [fresh] },
      ],
    });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: Result[] };
    expect(results.map((r) => r.status)).toEqual(["created", "updated", "error", "error", "created", "updated", "updated", "error", "error", "error"]);
    expect(results[0]!.contact).toMatchObject({ first_name: "Created", source: "api", phones: [{ phone: fresh, is_primary: true }] });
    expect(results[1]!.contact).toMatchObject({ contact_id: existing.contactKey, job_title: "After", version: 2 });
    expect(results[2]!.error).toEqual({
      code: "validation_failed",
      message: "Please correct the fields named in details.",
      details: { "phones.0": ['"12" is not a valid phone number for US. Add the country code with a +.'] },
    });
    expect(results[3]!.error).toMatchObject({ code: "conflict", details: { contact_id: holder.contactKey, field: "phones" } });
    expect(results[5]!.contact).toMatchObject({ contact_id: newKey, job_title: "Second", version: 2 });
    expect(results[6]!.contact).toMatchObject({ contact_id: primary.contactKey, job_title: "Via redirect" });
    expect(results[7]!.error).toMatchObject({ code: "validation_failed", details: { phones: [expect.any(String)] } });
    expect(results[8]!.error).toMatchObject({ code: "validation_failed", details: { source: [expect.stringContaining("set when the contact is created")] } });
    expect(results[9]!.error).toMatchObject({ code: "conflict", details: { contact_id: results[0]!.contact!.contact_id, field: "phones" } });

    // Each result carries the ETag GET gives for that contact.
    const read = await api.read(newKey);
    expect(results[5]!.etag).toBe(read.headers.get("etag"));
    expect(await json(read)).toEqual(results[5]!.contact);
    // Two created, nothing of the failed items written; each write audited as the token.
    expect((await rowsNamed(lastName)).map((c) => c.contactKey).sort()).toEqual(
      [existing.contactKey, primary.contactKey, newKey, results[0]!.contact!.contact_id].sort(),
    );
    const [created] = await db.select().from(contacts).where(eq(contacts.contactKey, newKey));
    expect((await auditOf(created!.id)).map((e) => [e.action, e.actorLabel])).toEqual([
      ["contact.create", `API token ${tokenName}`],
      ["contact.update", `API token ${tokenName}`],
    ]);
  });

  it(`takes 1 to ${BATCH_LIMIT} items: more, or none, is refused whole with 422 on items`, async () => {
    const lastName = unique("TooMany");
    const items = Array.from({ length: BATCH_LIMIT + 1 }, () => ({ last_name: lastName, contact_id: unique("K-") }));
    for (const body of [{ items }, { items: [] }, {}]) {
      const response = await api.batch(body);
      expect(response.status).toBe(422);
      expect(Object.keys((await refusal(response)).error.details!)).toEqual(["items"]);
    }
    expect(await rowsNamed(lastName)).toHaveLength(0);
  });

  it(`answers each of ${BATCH_LIMIT} items, in order`, async () => {
    // Items refused by their shape: the limit itself is under test here, not a thousand writes.
    const items = Array.from({ length: BATCH_LIMIT }, (_, i) => ({ job_title: `#${i}`, phones: i }));
    const response = await api.batch({ items });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as { results: Result[] };
    expect(results).toHaveLength(BATCH_LIMIT);
    expect(results.every((r) => r.status === "error" && r.error?.code === "validation_failed")).toBe(true);
  });
});
