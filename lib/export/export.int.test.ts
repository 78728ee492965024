import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { describe, expect, it } from "vitest";
import { db, rawSql } from "@/db";
import * as schema from "@/db/schema";
import { attributeDefinitions, auditLog, contactAttributeValues, contactTags } from "@/db/schema";
import type { AttributeType } from "@/db/schema/enums";
import { listColumns } from "@/lib/contacts/columns";
import { listContacts } from "@/lib/contacts/list";
import { DEFAULT_LIST_PARAMS } from "@/lib/contacts/list-params";
import { autoMap } from "@/lib/import/map/auto-map";
import { parseCsv, type CsvRow } from "@/lib/import/read/parse";
import { compileRowValidator } from "@/lib/import/validate/validate-row";
import { companyIs, makeTag } from "@/lib/testing/bulk-fixtures";
import { makeContact, makeUser, unique, uniquePhone } from "@/lib/testing/factories";
import { exportCsv } from "./csv";
import { exportStream, parseExportRequest, prepareExport } from "./export";

async function* once(text: string) {
  yield text;
}

async function readCsv(text: string) {
  const table = await parseCsv(once(text));
  const rows: CsvRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return { headers: table.headers!, rows };
}

async function exportText(user: Awaited<ReturnType<typeof makeUser>>, query: string): Promise<string> {
  const request = parseExportRequest(new URLSearchParams(query));
  const prepared = await prepareExport(request, user);
  const bytes = await new Response(await exportStream(prepared, user, { bom: request.bom })).arrayBuffer();
  // ignoreBOM keeps the byte order mark in the text, so the test can see it.
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

/** A user's export entries: the one written before the first byte, and the one that says how it ended. */
function exportEntries(actorId: number) {
  return db
    .select()
    .from(auditLog)
    .where(and(inArray(auditLog.action, ["contacts.export", "contacts.export.end"]), eq(auditLog.actorId, actorId)))
    .orderBy(asc(auditLog.id));
}

async function attribute(type: AttributeType, label: string, options: string[] = []) {
  const [def] = await db.insert(attributeDefinitions).values({ key: unique("x_"), label, type, options }).returning();
  return def!;
}

describe("export: formula injection", () => {
  it("neutralises cells starting with = + - @ tab CR LF, -1-1 and phones included (OWASP makes no exception)", async () => {
    const admin = await makeUser("admin");
    const phone = uniquePhone();
    const second = uniquePhone();
    const c = await makeContact(
      {
        firstName: '=HYPERLINK("http://evil.example","click")',
        lastName: "@SUM(A1:A9)",
        company: "+cmd|' /C calc'!A0",
        jobTitle: "-2+3+cmd|' /C calc'!A0",
        industry: "\t=1+1",
        city: "\r=1+1",
        street: "\n=1+1",
        region: "Plain, \"quoted\"",
        postalCode: "-1-1",
        billingCity: " =1+1",
      },
      { phones: [phone, second] },
    );
    const text = await exportText(admin, `ids=${c.id}&cols=firstName,lastName,company,jobTitle,industry,city,street,region,phones,postalCode,billingCity`);
    const lines = text.split("\r\n");
    expect(lines[0]).toBe('"First name","Last name","Company","Job title","Industry","City","Street","Region","Phone","Postal code","Billing city"');
    expect(lines[1]).toBe(
      [
        `"'=HYPERLINK(""http://evil.example"",""click"")"`,
        `"'@SUM(A1:A9)"`,
        `"'+cmd|' /C calc'!A0"`,
        `"'-2+3+cmd|' /C calc'!A0"`,
        `"'\t=1+1"`,
        `"'\r=1+1"`,
        `"'\n=1+1"`,
        `"Plain, ""quoted"""`,
        `"'${phone}; ${second}"`,
        `"'-1-1"`,
        `"' =1+1"`,
      ].join(","),
    );
    const back = await readCsv(text);
    expect(back.rows[0]!.values[8]).toBe(`'${phone}; ${second}`);
  });
});

describe("export: nothing leaves without its audit entry, and no header-only file", () => {
  it("sends no data when the audit entry cannot be written (a NUL in the criteria, as issue #19 found)", async () => {
    const admin = await makeUser("admin");
    const company = unique("Leak ");
    await db.execute(sql`insert into contacts (contact_key, company) select ${company} || g, ${company} from generate_series(1, 5) g`);
    const prepared = await prepareExport(parseExportRequest(new URLSearchParams({ f: JSON.stringify(companyIs(company)), cols: "company" })), admin);
    // jsonb cannot hold \u0000, so this entry's insert fails; the request's own parsing refuses it now.
    const broken = { ...prepared, criteria: { all: { segment: "all", search: "\u0000" } } };
    let text = "";
    try {
      const bytes = await new Response(await exportStream(broken, admin)).arrayBuffer();
      text = new TextDecoder().decode(bytes);
    } catch {
      // refused before any byte: the expected outcome
    }
    expect(text).not.toContain(company);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, "contacts.export"), eq(auditLog.actorId, admin.id)));
    expect(audit).toEqual([]);
  });

  it("records the entry before the first row, and fails instead of answering a header-only file when the query fails", async () => {
    const admin = await makeUser("admin");
    const prepared = await prepareExport(parseExportRequest(new URLSearchParams({ ids: "1", cols: "company" })), admin);
    await expect(exportStream({ ...prepared, plan: { ...prepared.plan, where: sql`(1 / 0) = 1` } }, admin)).rejects.toThrow();
    const audit = await exportEntries(admin.id);
    expect(audit).toMatchObject([{ action: "contacts.export" }, { action: "contacts.export.end", entityType: "audit_log", entityId: String(audit[0]!.id), after: { rows: 0, completed: false } }]);
  });

  it("refuses with 400 what the list would leave out: control characters, impossible dates, broken filters", async () => {
    const admin = await makeUser("admin");
    const nulValue = JSON.stringify({ join: "and", conditions: [{ field: "company", op: "is_not_empty", value: "\u0000" }] });
    const badDate = JSON.stringify({ join: "and", conditions: [{ field: "createdAt", op: "before", value: "2026-02-31" }] });
    const cases: [Record<string, string>, string][] = [
      [{ q: "\u0000" }, "The search contains an invisible control character (U+0000)"],
      [{ f: nulValue }, "The filter contains an invisible control character (U+0000)"],
      [{ f: badDate }, "Not a real date."],
      [{ f: "{oops" }, "The filter in the link is not valid."],
      [{ segment: "nope" }, "Unknown segment."],
    ];
    for (const [query, message] of cases) {
      const error = await Promise.resolve()
        .then(() => prepareExport(parseExportRequest(new URLSearchParams(query)), admin))
        .then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ status: 400 });
      expect((error as Error).message).toContain(message);
    }
  });
});

describe("export → import round trip", () => {
  it("gives back the same values through lib/import's parser, auto-mapping and validator", async () => {
    const admin = await makeUser("admin");
    const [tagA, tagB] = [await makeTag(), await makeTag()];
    const attrs = {
      text: await attribute("text", unique("Notes ")),
      number: await attribute("number", unique("Score ")),
      date: await attribute("date", unique("Since ")),
      boolean: await attribute("boolean", unique("VIP ")),
      dropdown: await attribute("dropdown", unique("Plan "), ["Free", "Gold"]),
      // A label that auto-mapping would read as the system field: exported as "Company [key]".
      clash: await attribute("text", "Company"),
    };
    const phones = [uniquePhone(), uniquePhone()];
    const emails = [`${unique("rt")}@Example.test`, `${unique("rt")}@two.test`];
    const fields = {
      firstName: "=1+1 Ada",
      middleName: "Zoë",
      lastName: "Łovelace-Byron",
      company: "+cmd|' /C calc'!A0",
      jobTitle: "-2+3",
      industry: "@Research",
      website: "https://ada.example/a,b",
      street: '1 "Main" St, Apt 2\nBack door',
      city: "Berlin",
      region: "Berlin",
      postalCode: "10115",
      country: "DE",
      billingStreet: "Rue 1",
      billingCity: "Paris",
      billingRegion: "IDF",
      billingPostalCode: "75001",
      billingCountry: "FR",
      language: "pt-BR",
      timeZone: "Europe/Berlin",
      leadStage: "opportunity" as const,
      status: "inactive" as const,
      subscription: "unsubscribed" as const,
    };
    const c = await makeContact(fields, { phones, emails });
    await db.insert(contactTags).values([tagA, tagB].map((t) => ({ contactId: c.id, tagId: t.id })));
    await db.insert(contactAttributeValues).values([
      { contactId: c.id, attributeId: attrs.text.id, textValue: 'He said "hi", then; left' },
      { contactId: c.id, attributeId: attrs.number.id, numberValue: "-1234.5" },
      { contactId: c.id, attributeId: attrs.date.id, dateValue: "2024-02-29" },
      { contactId: c.id, attributeId: attrs.boolean.id, boolValue: true },
      { contactId: c.id, attributeId: attrs.dropdown.id, textValue: "Gold" },
      { contactId: c.id, attributeId: attrs.clash.id, textValue: "Not the company" },
    ]);

    const text = await exportText(admin, `ids=${c.id}&all=1&bom=1`);
    expect(text.startsWith("\uFEFF")).toBe(true);
    const back = await readCsv(text);
    const attributes = await db.select().from(attributeDefinitions);
    const mapping = autoMap(back.headers, { attributes });
    expect(back.headers).toContain(`Company [${attrs.clash.key}]`);
    const validate = compileRowValidator(back.headers, mapping, attributes, { defaultCountry: "US" });
    const result = validate(back.rows[0]!);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record.contactKey).toBe(c.contactKey);
    expect(result.record.fields).toEqual(fields);
    expect(result.record.phones).toEqual(phones);
    expect(result.record.emails).toEqual(emails.map((e) => e.toLowerCase()));
    expect([...result.record.tags].sort()).toEqual([tagA.name, tagB.name].sort());
    expect(result.record.attributes).toMatchObject({
      [attrs.text.key]: 'He said "hi", then; left',
      [attrs.number.key]: "-1234.5",
      [attrs.date.key]: "2024-02-29",
      [attrs.boolean.key]: true,
      [attrs.dropdown.key]: "Gold",
      [attrs.clash.key]: "Not the company",
    });
  });
});

describe("export: streaming and scope", () => {
  it("reads 20 000 rows in keyset chunks of 5 000, one query per chunk pulled, never all at once", async () => {
    const company = unique("Stream ");
    await db.execute(sql`
      insert into contacts (contact_key, first_name, company, last_interaction_at)
      select ${company} || '-' || g, 'Row ' || g, ${company}, timestamptz '2024-01-01' + g * interval '1 minute' from generate_series(1, 20000) g`);
    const queries: { text: string; params: unknown[] }[] = [];
    const logged = drizzle(rawSql(), { schema, logger: { logQuery: (text, params) => queries.push({ text, params }) } });
    const admin = await makeUser("admin");
    const prepared = await prepareExport(parseExportRequest(new URLSearchParams({ f: JSON.stringify(companyIs(company)), cols: "contactKey,firstName" })), admin);

    const chunks = exportCsv(logged, prepared.plan, { chunkSize: 5_000 });
    const chunkQueries = () => queries.filter((q) => q.text.includes("as cursor"));
    expect((await chunks.next()).value).toBe('"Contact ID","First name"\r\n');
    expect(chunkQueries()).toHaveLength(0);
    const first = await chunks.next();
    expect(chunkQueries()).toHaveLength(1);
    expect((first.value as string).split("\r\n")).toHaveLength(5_001);
    // The list's default order: last interaction, newest first.
    expect((first.value as string).split("\r\n")[0]).toBe(`"${company}-20000","Row 20000"`);
    let lines = 5_000;
    let bytes = (first.value as string).length;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
      lines += next.value.split("\r\n").length - 1;
      bytes += next.value.length;
    }
    expect(lines).toBe(20_000);
    expect(bytes).toBeGreaterThan(20_000 * 10);
    // Four full chunks, each after the previous chunk's last (time, id); then the empty read that
    // ends those with a last interaction, and the one of those without (none here).
    const keysets = chunkQueries().slice(1, 5).map((q) => Number(q.params.at(-2)));
    expect(chunkQueries()).toHaveLength(6);
    expect([...keysets].sort((a, b) => b - a)).toEqual(keysets);
    expect(chunkQueries().every((q) => q.params.at(-1) === 5_000)).toBe(true);
  });

  it("exports the segment, filter and search of the list, and records one audit entry with the count", async () => {
    const supervisor = await makeUser("supervisor");
    const company = unique("Scope ");
    const tok = unique("Sx");
    await makeContact({ company, leadStage: "lead", lastName: tok });
    await makeContact({ company, leadStage: "lead" });
    await makeContact({ company, leadStage: "customer", lastName: tok });
    await makeContact({ company, leadStage: "lead", lastName: tok, archived: true, archivedAt: new Date() });
    const query = new URLSearchParams({ segment: "leads", f: JSON.stringify(companyIs(company)), q: tok, cols: "lastName,leadStage" });
    const text = await exportText(supervisor, query.toString());
    expect(text).toBe(`"Last name","Lead stage"\r\n"${tok}","Lead"\r\n`);
    const audit = await exportEntries(supervisor.id);
    expect(audit).toMatchObject([
      { entityType: "contacts", after: { columns: ["lastName", "leadStage"], criteria: { all: { segment: "leads", search: tok } } } },
      { action: "contacts.export.end", after: { rows: 1, completed: true } },
    ]);
  });

  it("uses the user's visible columns by default, and refuses agents, unknown columns and broken filters", async () => {
    const admin = await makeUser("admin");
    const c = await makeContact({ firstName: "Vis", lastName: unique("Ible") });
    const text = await exportText(admin, `ids=${c.id}`);
    expect(text.split("\r\n")[0]).toBe('"Name","Phone","Email","Source","Last interaction","Status","Tags"');
    expect(text.split("\r\n")[1]).toBe(`"Vis ${c.lastName}","","","Manual","","Active",""`);

    const agent = await makeUser("agent");
    await expect(prepareExport(parseExportRequest(new URLSearchParams(`ids=${c.id}`)), agent)).rejects.toThrow("Only supervisors and admins can export");
    await expect(prepareExport(parseExportRequest(new URLSearchParams(`ids=${c.id}&cols=name,password`)), admin)).rejects.toThrow("Unknown column: password");
    expect(() => parseExportRequest(new URLSearchParams("f={oops"))).toThrow("The filter in the link is not valid.");
    const badField = JSON.stringify({ join: "and", conditions: [{ field: "x'; drop table contacts; --", op: "is", value: "1" }] });
    await expect(prepareExport(parseExportRequest(new URLSearchParams({ f: badField })), admin)).rejects.toThrow("Unknown field");
  });

  it("records a download cut off half-way as not completed", async () => {
    const admin = await makeUser("admin");
    const company = unique("Cut ");
    await db.execute(sql`insert into contacts (contact_key, company) select ${company} || g, ${company} from generate_series(1, 30) g`);
    const prepared = await prepareExport(parseExportRequest(new URLSearchParams({ f: JSON.stringify(companyIs(company)), cols: "company" })), admin);
    const reader = (await exportStream(prepared, admin, { chunkSize: 10 })).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    const audit = await exportEntries(admin.id);
    expect(audit).toMatchObject([{ action: "contacts.export" }, { action: "contacts.export.end", after: { rows: 10, completed: false } }]);
  });
});

describe("export: the list's order", () => {
  /** The list's ids for a company (one page holds them all), in the list's order for `sort`. */
  async function listedIds(company: string, sort: { column: string; desc: boolean } | null) {
    const columns = listColumns(await db.select().from(attributeDefinitions));
    const { rows } = await listContacts(db, { ...DEFAULT_LIST_PARAMS, sort }, { columns, visible: ["name"], defaultCountry: "US", where: sql`c.company = ${company}` });
    return rows.map((r) => r.id);
  }

  /** The exported contact ids, read in chunks of 4 so the keyset crosses chunks and the valued/none boundary. */
  async function exportedIds(user: Awaited<ReturnType<typeof makeUser>>, company: string, sort?: string) {
    const query = new URLSearchParams({ f: JSON.stringify(companyIs(company)), cols: "contactKey" });
    if (sort) query.set("sort", sort);
    const prepared = await prepareExport(parseExportRequest(query), user);
    const text = await new Response(await exportStream(prepared, user, { chunkSize: 4 })).text();
    const keys = text.trim().split("\r\n").slice(1).map((line) => JSON.parse(line) as string);
    const byKey = new Map((await db.select({ id: schema.contacts.id, key: schema.contacts.contactKey }).from(schema.contacts).where(eq(schema.contacts.company, company))).map((r) => [r.key, r.id]));
    return keys.map((k) => byKey.get(k)!);
  }

  it("exports rows in the list's order for a column sort, a custom attribute sort and the default order", async () => {
    const admin = await makeUser("admin");
    const company = unique("Order ");
    const score = await attribute("number", unique("Score "));
    // Names out of id order, ties broken by id, some contacts without a name part or a score, some never contacted.
    const names = ["mia", "Bo", "ana", "bo", "Zed", "ana", null, "Cy", null, "eve", "Dan", "al"];
    const made = [];
    for (const [i, name] of names.entries()) {
      made.push(
        await makeContact({ company, firstName: name, lastName: name ? null : unique("Nobody"), lastInteractionAt: i % 3 ? new Date(Date.UTC(2024, i % 5, 1 + i)) : null }),
      );
    }
    await db.insert(contactAttributeValues).values(
      made.filter((_, i) => i % 4 !== 1).map((m, i) => ({ contactId: m.id, attributeId: score.id, numberValue: String((i * 7) % 5) })),
    );
    for (const [sort, spec] of [
      ["name.desc", { column: "name", desc: true }],
      ["name.asc", { column: "name", desc: false }],
      ["lastInteractionAt.asc", { column: "lastInteractionAt", desc: false }],
      [`attr:${score.key}.desc`, { column: `attr:${score.key}`, desc: true }],
      [`attr:${score.key}.asc`, { column: `attr:${score.key}`, desc: false }],
    ] as const) {
      const listed = await listedIds(company, spec);
      expect(listed).toHaveLength(names.length);
      // Not the id order, which the export used to follow.
      expect(listed).not.toEqual(made.map((m) => m.id));
      expect(await exportedIds(admin, company, sort), sort).toEqual(listed);
    }
    expect(await exportedIds(admin, company)).toEqual(await listedIds(company, null));
  });

  it("refuses a sort on a column the list does not know", async () => {
    const admin = await makeUser("admin");
    await expect(prepareExport(parseExportRequest(new URLSearchParams("sort=pg_sleep(1).asc")), admin)).rejects.toThrow("The sort in the link is not valid.");
  });
});
