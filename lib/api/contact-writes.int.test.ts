import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { contactExternalIds, tags, type AttributeDefinition, type User } from "@/db/schema";
import { createDefinition } from "@/lib/attributes/definitions";
import { mergeContacts } from "@/lib/contacts/merge";
import { makeToken } from "@/lib/testing/api-tokens";
import { auditOf, contactApi, json, refusal, rowsNamed, type Json } from "@/lib/testing/contact-api";
import { makeTag } from "@/lib/testing/bulk-fixtures";
import { actorOf, makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";

/** POST, PATCH and DELETE /api/v1/contacts through the route handlers, against the database. */
let admin: User;
let writeToken: { secret: string; name: string };
let adminSecret: string;
let num: AttributeDefinition;
let plan: AttributeDefinition;
beforeAll(async () => {
  admin = await makeUser("admin");
  const made = await makeToken(admin, "write");
  writeToken = { secret: made.secret, name: made.token.name };
  adminSecret = (await makeToken(admin, "admin")).secret;
  num = await createDefinition({ label: unique("Score "), type: "number", options: [] }, actorOf(admin));
  plan = await createDefinition({ label: unique("Plan "), type: "dropdown", options: ["Free", "Pro"] }, actorOf(admin));
});

let api: ReturnType<typeof contactApi>;
let asAdmin: ReturnType<typeof contactApi>;
beforeAll(() => {
  api = contactApi(writeToken.secret);
  asAdmin = contactApi(adminSecret);
});
const create = (body: unknown, extra?: Record<string, string>) => api.create(body, extra);
const deSuffix = () => String(Date.now() % 1_000_000).padStart(6, "0");

describe("POST /api/v1/contacts", () => {
  it("creates a contact with every field, each stored as the value module stores it; 201 with Location and the ETag GET gives", async () => {
    const agent = await makeUser("agent");
    const tag = await makeTag(unique("Api VIP "));
    const [key, suffix, us, lastName] = [unique("CRM-"), deSuffix(), uniquePhone(), unique("Lovelace")];
    const response = await create({
      contact_id: key,
      ...{ first_name: " Ada ", middle_name: "King", last_name: lastName, company: "Analytical Engines", job_title: "Analyst", industry: "Computing" },
      ...{ website: "https://ada.example", street: "Flat 3\r\n12 High Street", city: "London", region: "Greater London", postal_code: "W1" },
      ...{ country: "Deutschland", billing_street: "1 Main St", billing_city: "Boston", billing_region: "MA", billing_postal_code: "02110", billing_country: "us" },
      ...{ language: "German", time_zone: "europe/berlin", lead_stage: "MQL", status: "Inactive", subscription: "on", favorite_agent_id: agent.id },
      phones: [`0151 23${suffix}`, { phone: us, label: "work", is_primary: true }],
      emails: [" Ada.K@Example.COM "],
      external_ids: [{ system: "HubSpot", external_id: key }],
      tags: [tag.name.toUpperCase()],
      attributes: { [num.key]: "1.234,5", [plan.key]: "pro" },
    });
    expect(response.status, await response.clone().text()).toBe(201);
    expect(response.headers.get("location")).toBe(api.path(key));
    const body = await json(response);
    expect(body).toMatchObject({
      contact_id: key,
      ...{ first_name: "Ada", middle_name: "King", last_name: lastName, full_name: `Ada King ${lastName}`, company: "Analytical Engines", job_title: "Analyst" },
      ...{ industry: "Computing", website: "https://ada.example", street: "Flat 3\n12 High Street", city: "London", region: "Greater London", postal_code: "W1" },
      ...{ country: "DE", billing_street: "1 Main St", billing_city: "Boston", billing_region: "MA", billing_postal_code: "02110", billing_country: "US" },
      ...{ language: "de", time_zone: "Europe/Berlin", lead_stage: "lead", status: "inactive", subscription: "subscribed", favorite_agent_id: agent.id },
      source: "api",
      version: 1,
      // A number without + is read in the body's own country, as an import row's.
      phones: [
        { phone: `+4915123${suffix}`, label: null, is_primary: false },
        { phone: us, label: "work", is_primary: true },
      ],
      emails: [{ email: "ada.k@example.com", label: null, is_primary: true }],
      external_ids: [{ system: "hubspot", external_id: key }],
      tags: [tag.name],
      attributes: { [num.key]: 1234.5, [plan.key]: "Pro" },
    });
    const again = await api.read(key);
    expect(response.headers.get("etag")).toMatch(/^"[\w-]+"$/);
    expect(again.headers.get("etag")).toBe(response.headers.get("etag"));
    expect(await json(again)).toEqual(body);
    const [entry, ...more] = await auditOf((await rowsNamed(lastName))[0]!.id);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({ action: "contact.create", actorId: null, actorLabel: `API token ${writeToken.name}`, before: null });
  });

  it("refuses values with the value module's messages, keyed by body field (422), and writes nothing", async () => {
    const lastName = unique("Refused");
    const response = await create({
      last_name: lastName,
      first_name: "n".repeat(101),
      lead_stage: "vip",
      city: "New\tYork",
      phones: ["12"],
      emails: ["ada@"],
      external_ids: [{ system: "bad system", external_id: "x" }],
      attributes: { [plan.key]: "Gold", nope_not_here: "1" },
    });
    expect(response.status).toBe(422);
    expect(await refusal(response)).toEqual({
      error: {
        code: "validation_failed",
        message: "Please correct the fields named in details.",
        details: {
          first_name: ["Use at most 100 characters (this has 101)."],
          lead_stage: ['"vip" is not a lead stage (use Lead, Contact, Opportunity, Customer).'],
          city: ["Write this value on one line: this field takes no line breaks or tabs."],
          "phones.0": ['"12" is not a valid phone number for US. Add the country code with a +.'],
          "emails.0": ['"ada@" is not a valid e-mail address.'],
          "external_ids.0.system": ['"bad system" is not a system name: use up to 40 letters, digits, _ and -, starting with a letter (e.g. hubspot).'],
          [`attributes.${plan.key}`]: ['"Gold" is not one of the options ("Free", "Pro").'],
          "attributes.nope_not_here": ["There is no custom attribute “nope_not_here”."],
        },
      },
    });
    const shape = await create({ last_name: lastName, phones: "+13125550000", nickname: "Ady" });
    expect(shape.status).toBe(422);
    expect(Object.keys((await refusal(shape)).error.details!).sort()).toEqual(["_form", "phones"]);
    const none = await create({ last_name: lastName, lead_stage: "customer" });
    expect(none.status).toBe(422);
    expect((await refusal(none)).error.message).toBe("Enter an email, a phone number or a contact ID");
    const cleared = await create({ last_name: lastName, contact_id: unique("K-"), status: null });
    expect((await refusal(cleared)).error.details).toEqual({ status: ["Choose a status: Active, Inactive."] });
    expect(await rowsNamed(lastName)).toHaveLength(0);
  });

  it("never merges: a phone, e-mail, external ID or Contact ID held elsewhere answers 409 naming the holder and the body field", async () => {
    const [phone, email, ext] = [uniquePhone(), `${unique("held")}@api.test`, unique("ext-")];
    const holder = await makeContact({ firstName: "Grace", lastName: unique("Hopper") }, { phones: [phone], emails: [email] });
    await db.insert(contactExternalIds).values({ contactId: holder.id, system: "hubspot", externalId: ext });
    const [gone, primary] = [await makeContact(), await makeContact()];
    await mergeContacts({ primaryId: primary.id, contactIds: [primary.id, gone.id] }, actorOf(admin));
    const staff = await makeUser("agent");
    const lastName = unique("Second");
    const cases: [Json, string | null, string][] = [
      [{ phones: [`+1 (${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`] }, holder.contactKey, "phones"],
      [{ emails: [email.toUpperCase()] }, holder.contactKey, "emails"],
      [{ contact_id: unique("K-"), external_ids: [{ system: "hubspot", external_id: ext }] }, holder.contactKey, "external_ids"],
      [{ contact_id: holder.contactKey }, holder.contactKey, "contact_id"],
      [{ contact_id: gone.contactKey }, primary.contactKey, "contact_id"],
      [{ emails: [staff.email] }, null, "emails"],
    ];
    for (const [body, contactId, field] of cases) {
      const response = await create({ last_name: lastName, ...body });
      const { error } = await refusal(response);
      expect([response.status, error.code, error.details], JSON.stringify(body)).toEqual([409, "conflict", { contact_id: contactId, field }]);
      expect(error.message).toMatch(contactId === null ? /belongs to a Switchboard user/ : /Grace|already used|merged into/);
    }
    expect(await rowsNamed(lastName)).toHaveLength(0);
  });

  it("tags with existing tags; only an admin token may name a new one, which creates it", async () => {
    const name = unique("Fresh tag ");
    const refused = await create({ phones: [uniquePhone()], tags: [name] });
    expect(refused.status).toBe(422);
    expect((await refusal(refused)).error.details).toEqual({ "tags.0": [`There is no tag “${name}”. Only admins can create tags. Pick an existing tag.`] });
    expect(await db.select().from(tags).where(eq(tags.name, name))).toHaveLength(0);
    const created = await asAdmin.create({ phones: [uniquePhone()], tags: [name, name.toUpperCase()] });
    expect(created.status).toBe(201);
    expect((await json(created)).tags).toEqual([name]);
  });

  it("answers a repeat with the same Idempotency-Key with the first answer, and creates one contact", async () => {
    const lastName = unique("Once");
    const body = { last_name: lastName, phones: [uniquePhone()] };
    const key = unique("idem-");
    const first = await create(body, { "idempotency-key": key });
    const second = await create(body, { "idempotency-key": key });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(await json(second)).toEqual(await json(first));
    expect(await rowsNamed(lastName)).toHaveLength(1);
  });
});
