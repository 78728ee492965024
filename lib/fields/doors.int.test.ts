import { unescapeFormula } from "@/lib/import/read/formula-escape";
import { and, eq } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { attributeDefinitions, contactAttributeValues, contactEmails, contacts, type AttributeDefinition, type User } from "@/db/schema";
import { setAttributeValue } from "@/lib/attributes/values";
import { startBulkAction } from "@/lib/bulk/start";
import { createContact } from "@/lib/contacts/create";
import { addEmail } from "@/lib/contacts/identifiers";
import { columnOf } from "@/lib/contacts/fields";
import { EDITABLE_FIELDS, updateContactField, type EditableFieldId } from "@/lib/contacts/update";
import { DomainError } from "@/lib/errors";
import { IMPORTABLE_FIELDS, type ImportTarget } from "@/lib/import/map/targets";
import { contactByPhone, importCsv, importPhone, storedText } from "@/lib/import/test-helpers";
import { compileRowValidator, describeProblems } from "@/lib/import/validate/validate-row";
import { stopBoss } from "@/lib/jobs/boss";
import { FIELD_KEYS } from "@/lib/api/contact-body";
import { makeToken } from "@/lib/testing/api-tokens";
import { contactApi } from "@/lib/testing/contact-api";
import { actorOf, makeContact, makeUser, unique } from "@/lib/testing/factories";
import { DOOR_CASES, DROPDOWN_OPTIONS, type AttributeKind, type DoorCase, type Verdict } from "./door-cases";

/**
 * The door-equivalence test: every case of door-cases.ts goes through every door that takes its
 * value — the profile (the domain functions its actions call), the create form, the import (its row
 * validation, and a real import job for what it stores), the bulk subscription and the REST API's
 * POST /api/v1/contacts — and each door
 * must give the case's verdict, message and stored value.
 */
afterAll(() => stopBoss());

let user: User;
let api: ReturnType<typeof contactApi>;
const defs = {} as Record<AttributeKind, AttributeDefinition>;
beforeAll(async () => {
  user = await makeUser("admin");
  api = contactApi((await makeToken(user, "write")).secret);
  for (const kind of ["number", "date", "boolean", "text", "dropdown"] as const) {
    const [def] = await db
      .insert(attributeDefinitions)
      .values({ key: unique(`door_${kind}_`).toLowerCase(), label: `Door ${kind}`, type: kind, options: kind === "dropdown" ? DROPDOWN_OPTIONS : [] })
      .returning();
    defs[kind] = def!;
  }
});

const CREATE_FIELDS = new Set(["firstName", "lastName", "company", "contactKey"]);
const PROFILE_FIELDS = new Set<string>(EDITABLE_FIELDS.map((f) => f.id));
const IMPORT_FIELDS = new Set<string>(IMPORTABLE_FIELDS.map((f) => f.id));

const token = () => unique("u").toLowerCase();
const fill = (text: string, u: string) => text.replaceAll("{u}", u);
const expected = (c: DoorCase, u: string): Verdict => (c.expect.ok && typeof c.expect.stored === "string" ? { ok: true, stored: fill(c.expect.stored, u) } : c.expect);

async function refusal(run: () => Promise<unknown>, field: string): Promise<Verdict | null> {
  try {
    await run();
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // The message a form shows beside the field (the module's, whatever the form says on top).
    expect(error.fieldErrors?.[field]).toHaveLength(1);
    return { ok: false, message: error.fieldErrors![field]![0]! };
  }
}

async function storedAttribute(contactId: number, kind: AttributeKind): Promise<string | boolean | null> {
  const [row] = await db
    .select()
    .from(contactAttributeValues)
    .where(and(eq(contactAttributeValues.contactId, contactId), eq(contactAttributeValues.attributeId, defs[kind].id)));
  if (!row) return null;
  return row.boolValue ?? row.textValue ?? row.numberValue ?? row.dateValue;
}

async function storedEmail(contactId: number): Promise<string | null> {
  const [row] = await db.select().from(contactEmails).where(eq(contactEmails.contactId, contactId));
  if (row) expect(row.emailNormalized).toBe(row.email);
  return row?.email ?? null;
}

async function storedField(contactId: number, fieldId: string): Promise<string | null> {
  const [row] = await db.select().from(contacts).where(eq(contacts.id, contactId));
  return row![columnOf(fieldId)] as string | null;
}

async function profileDoor(c: DoorCase, input: string): Promise<Verdict | undefined> {
  const actor = actorOf(user);
  const contact = await makeContact();
  const base = { contactId: contact.id, version: 1 };
  if ("attribute" in c.target) {
    const kind = c.target.attribute;
    return (await refusal(() => setAttributeValue({ ...base, attributeId: defs[kind].id, value: input }, actor), "value")) ?? { ok: true, stored: await storedAttribute(contact.id, kind) };
  }
  if ("email" in c.target) return (await refusal(() => addEmail({ ...base, email: input.trim() }, actor), "email")) ?? { ok: true, stored: await storedEmail(contact.id) };
  const field = c.target.field;
  if (!PROFILE_FIELDS.has(field)) return undefined;
  return (
    (await refusal(() => updateContactField({ ...base, field: field as EditableFieldId, value: input }, actor), "value")) ?? {
      ok: true,
      stored: await storedField(contact.id, field),
    }
  );
}

async function createDoor(c: DoorCase, input: string): Promise<Verdict | undefined> {
  const isEmail = "email" in c.target;
  if (!isEmail && !("field" in c.target && CREATE_FIELDS.has(c.target.field))) return undefined;
  const field = isEmail ? "email" : (c.target as { field: string }).field;
  const raw = { contactKey: field === "contactKey" ? input : unique("DOOR-"), [field]: input };
  let id = 0;
  const refused = await refusal(async () => ({ id } = await createContact(raw, actorOf(user))), field);
  if (refused) return refused;
  return { ok: true, stored: isEmail ? await storedEmail(id) : await storedField(id, field) };
}

function importTarget(c: DoorCase): ImportTarget | undefined {
  if ("attribute" in c.target) return `attr:${defs[c.target.attribute].key}`;
  if ("email" in c.target) return "email";
  return IMPORT_FIELDS.has(c.target.field) ? (c.target.field as ImportTarget) : undefined;
}

/** The import's row validation: a row with a phone (every row needs an identifier) and the value. */
function importRowDoor(c: DoorCase, input: string): Verdict | undefined {
  const target = importTarget(c);
  if (!target) return undefined;
  const attributes = Object.values(defs);
  const validate = compileRowValidator(["Phone", "Value"], ["phone", target], attributes, { defaultCountry: "US" });
  const result = validate({ line: 2, values: [importPhone(), input] });
  if (!result.ok) return { ok: false, message: describeProblems(result.problems).replace(/^Value: /, "") };
  const r = result.record;
  const value = "attribute" in c.target ? r.attributes[defs[c.target.attribute].key] : "email" in c.target ? r.emails[0] : target === "contactKey" ? r.contactKey : (r.fields as Record<string, string>)[target];
  return { ok: true, stored: value ?? null };
}

/** POST /api/v1/contacts: the value in a JSON body, refused with 422 under its body key or stored as the others store it. */
async function apiDoor(c: DoorCase, input: string): Promise<Verdict | undefined> {
  let body: Record<string, unknown>;
  let path: string;
  if ("attribute" in c.target) {
    path = `attributes.${defs[c.target.attribute].key}`;
    body = { attributes: { [defs[c.target.attribute].key]: input } };
  } else if ("email" in c.target) {
    [path, body] = ["emails.0", { emails: [input] }];
  } else if (c.target.field === "contactKey") {
    [path, body] = ["contact_id", {}];
  } else {
    const key = (FIELD_KEYS as Record<string, string>)[c.target.field];
    if (!key) return undefined;
    [path, body] = [key, { [key]: input }];
  }
  const contactKey = "field" in c.target && c.target.field === "contactKey" ? input : unique("DOOR-");
  const response = await api.create({ contact_id: contactKey, ...body });
  if (response.status === 422) {
    const details = ((await response.json()) as { error: { details: Record<string, string[]> } }).error.details;
    expect(Object.keys(details)).toEqual([path]);
    expect(details[path]).toHaveLength(1);
    return { ok: false, message: details[path]![0]! };
  }
  expect(response.status).toBe(201);
  const [row] = await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.contactKey, contactKey));
  const id = row!.id;
  if ("attribute" in c.target) return { ok: true, stored: await storedAttribute(id, c.target.attribute) };
  if ("email" in c.target) return { ok: true, stored: await storedEmail(id) };
  return { ok: true, stored: await storedField(id, c.target.field) };
}

async function bulkDoor(c: DoorCase, input: string): Promise<Verdict | undefined> {
  if (!("field" in c.target) || c.target.field !== "subscription") return undefined;
  const contact = await makeContact();
  const refused = await refusal(() => startBulkAction({ selection: { ids: [contact.id] }, change: { action: "subscription", status: input } }, user), "change.status");
  if (refused) return refused;
  return { ok: true, stored: await storedField(contact.id, "subscription") };
}

describe("one value module: every door gives the same verdict, message and stored value", () => {
  it.each(DOOR_CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const doors: Record<string, Verdict | undefined> = {};
    for (const [door, run] of Object.entries({ profile: profileDoor, create: createDoor, importRow: importRowDoor, bulk: bulkDoor, api: apiDoor })) {
      const u = token();
      const verdict = await run(c, fill(c.input, u));
      if (verdict) doors[door] = verdict.ok && typeof verdict.stored === "string" ? { ok: true, stored: verdict.stored.replaceAll(u, "{u}") } : verdict;
    }
    expect(Object.keys(doors).length).toBeGreaterThan(0);
    for (const [door, verdict] of Object.entries(doors)) expect([door, verdict]).toEqual([door, expected(c, "{u}")]);
  });

  it("a real import job stores what the row validation promised, and rejects the rest with the same message on the row", async () => {
    // NUL never reaches a row: the file reader refuses a file containing one (lib/import/read/decode.ts).
    const cases = DOOR_CASES.filter((c) => importTarget(c) && !c.input.includes("\u0000"));
    const targets = [...new Set(cases.map((c) => importTarget(c)!))];
    const u = token();
    const phones = cases.map(() => importPhone());
    const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
    const lines = [["Phone", ...targets.map((t) => `Col ${t}`)].map(quote).join(",")];
    cases.forEach((c, i) => lines.push([phones[i]!, ...targets.map((t) => (t === importTarget(c) ? fill(c.input, u) : ""))].map(quote).join(",")));
    const { job } = await importCsv(user, lines.join("\r\n") + "\r\n", { mapping: () => ["phone", ...targets] });
    expect(job.status).toBe("completed");
    const errors = Papa.parse<string[]>((await storedText(job.errorFilePath!)).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data.slice(1);
    // The error file escapes formula triggers as an export does ('+1…); read the phone back as the import would.
    const errorByPhone = new Map(errors.map((row) => [unescapeFormula(row[2]!), row[1]!]));
    for (const [i, c] of cases.entries()) {
      const want = expected(c, u);
      if (!want.ok) {
        expect([c.name, errorByPhone.get(phones[i]!)]).toEqual([c.name, `Col ${importTarget(c)}: ${want.message}`]);
        continue;
      }
      const contact = (await contactByPhone(phones[i]!))!;
      const stored =
        "attribute" in c.target ? await storedAttribute(contact.id, c.target.attribute) : "email" in c.target ? await storedEmail(contact.id) : await storedField(contact.id, (c.target as { field: string }).field);
      expect([c.name, stored]).toEqual([c.name, want.stored]);
    }
  });
});
