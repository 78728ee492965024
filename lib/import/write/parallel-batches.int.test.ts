import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import type { User } from "@/db/schema";
import { makeContact, makeUser, unique } from "@/lib/testing/factories";
import { runImportJob } from "../job/run-job";
import { configureAndQueue, contactWithIdentifiers, counts, importCsv, importPhone, loadJob, storedText, uploadCsv } from "../test-helpers";

let admin: User;
beforeAll(async () => {
  admin = await makeUser("admin");
});

/** A small deterministic PRNG (mulberry32): the same file every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Template {
  /** Rows of symbolic identifiers: P3 is the fourth phone of the pool, E7 the eighth e-mail. */
  rows: { name: string; title: string; phones: string[]; email: string | null; tag: string }[];
  /** Existing contacts Xk hold Pk and E(20+k). */
  existing: number;
}

/**
 * Rows that share phones and e-mails within and across batches, match existing contacts from
 * neighbouring batches, and pit a phone match against an e-mail match: everything two batches
 * written at once could get wrong.
 */
function template(seed: number, rows: number): Template {
  const next = random(seed);
  const pick = (n: number) => Math.floor(next() * n);
  return {
    existing: 5,
    rows: Array.from({ length: rows }, (_, i) => ({
      name: `Row${i}`,
      title: `Title ${pick(4)}`,
      phones: next() < 0.8 ? [`P${pick(25)}`, ...(next() < 0.3 ? [`P${pick(25)}`] : [])] : [],
      email: next() < 0.7 ? `E${pick(25)}` : null,
      tag: `T${pick(3)}`,
    })),
  };
}

/** The template with fresh numbers and addresses, and the way back from them to the symbols. */
async function instantiate(t: Template) {
  const phones = Array.from({ length: 25 }, () => importPhone());
  const emails = Array.from({ length: 25 }, () => `${unique("par")}@example.com`);
  const tagNames = [0, 1, 2].map(() => unique("Par tag "));
  const value = (symbol: string) => (symbol.startsWith("P") ? phones : emails)[Number(symbol.slice(1))]!;
  for (let k = 0; k < t.existing; k++) await makeContact({ firstName: `X${k}`, jobTitle: "Existing" }, { phones: [phones[k]!], emails: [emails[20 + k]!] });
  const lines = t.rows.map((r) => [r.name, r.title, r.phones[0] ? value(r.phones[0]) : "", r.phones[1] ? value(r.phones[1]) : "", r.email ? value(r.email) : "", tagNames[Number(r.tag.slice(1))]].join(","));
  const file = ["First Name,Job Title,Phone,Mobile,Email,Tags", ...lines].join("\r\n") + "\r\n";
  const symbols = new Map<string, string>();
  phones.forEach((p, i) => symbols.set(p, `P${i}`));
  emails.forEach((e, i) => symbols.set(e, `E${i}`));
  tagNames.forEach((n, i) => symbols.set(n, `T${i}`));
  // Generated Contact IDs and the factories' last names differ from run to run.
  const symbolic = (text: string) => {
    let out = text;
    for (const [concrete, symbol] of symbols) out = out.split(concrete).join(symbol);
    return out.replace(/\(C-[0-9A-Za-z]+\)/g, "(C-…)").replace(/ Person[0-9a-f]+/g, "");
  };
  return { file, phones, emails, symbolic };
}

/** Everything the import left, in symbols: each contact's identifiers, fields and tags, the counts and both result files. */
async function outcome(t: Template, writers: number) {
  const { file, phones, emails, symbolic } = await instantiate(t);
  const { job } = await importCsv(admin, file, { run: { batchSize: 3, writers } });
  expect(job.status).toBe("completed");
  const holders = await db.execute<{ id: string }>(sql`
    select distinct contact_id::text as id from contact_phones where e164 in ${phones}
    union select distinct contact_id::text from contact_emails where email_normalized in ${emails}`);
  const people = [];
  for (const { id } of holders) {
    const c = await contactWithIdentifiers(Number(id));
    people.push({
      name: c.firstName,
      title: c.jobTitle,
      phones: c.phones.map(symbolic),
      primaryPhone: c.primaryPhone && symbolic(c.primaryPhone),
      emails: c.emails.map(symbolic),
      tags: c.tags.map(symbolic).sort(),
      imported: c.activities.filter((a) => a.type === "imported").length,
      version: c.version,
    });
  }
  people.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const ids = [...holders].map((h) => h.id);
  const [row] = await db.execute<{ stale: number }>(sql`
    select count(*)::int as stale from contacts
    where id::text in ${ids}
      and (search_doc, attr_words) is distinct from (contact_search_doc(id, first_name, middle_name, last_name, company), contact_attr_words(id))`);
  const read = async (key: string | null) => (key ? symbolic(await storedText(key)) : null);
  return { counts: counts(job), people, stale: row!.stale, errors: await read(job.errorFilePath), warnings: await read(job.warningFilePath) };
}

describe("an import written by several batches at once", () => {
  for (const seed of [1, 2, 3]) {
    it(`leaves exactly what one batch after the other leaves (file ${seed}: duplicates across batches, merges into the same contacts, phone against e-mail)`, async () => {
      const t = template(seed, 45);
      const serial = await outcome(t, 1);
      // The file really has what it is meant to test.
      expect(serial.counts.merged).toBeGreaterThan(10);
      expect(serial.counts.warnings).toBeGreaterThan(0);
      expect(serial.stale).toBe(0);
      expect(await outcome(t, 2)).toEqual(serial);
      expect(await outcome(t, 3)).toEqual(serial);
    });
  }
});

describe("a batch that fails while the next one is being written", () => {
  it("stops the job there: the later batches roll back, and the job resumes from the last commit", async () => {
    const marker = unique("Boom");
    const name = `fail_import_${marker.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
    // A database error no validation foresees, for one row of the second batch only.
    await db.execute(sql.raw(`
      create function ${name}() returns trigger language plpgsql as $$
      begin
        if new.first_name = '${marker}' then raise exception 'refused by a test trigger'; end if;
        return new;
      end $$;
      create trigger ${name} before insert on contacts for each row execute function ${name}()`));
    const phones = Array.from({ length: 8 }, () => importPhone());
    const file = ["First Name,Phone", ...phones.map((p, i) => `${i === 3 ? marker : `Ok${i}`},${p}`)].join("\r\n") + "\r\n";
    const draft = await uploadCsv(admin, file);
    await configureAndQueue(admin, draft.job.id, draft.mapping);
    const stored = async () => (await db.execute<{ n: number }>(sql`select count(*)::int as n from contact_phones where e164 in ${phones}`))[0]!.n;
    try {
      await expect(runImportJob(draft.job.id, { batchSize: 2, writers: 3 })).rejects.toThrow("refused by a test trigger");
      const job = await loadJob(draft.job.id);
      expect([job.status, job.processedRows, job.createdCount, job.lastError]).toEqual(["running", 2, 2, "refused by a test trigger"]);
      expect(await stored()).toBe(2);
    } finally {
      await db.execute(sql.raw(`drop trigger if exists ${name} on contacts; drop function if exists ${name}()`));
    }
    expect(await runImportJob(draft.job.id, { batchSize: 2, writers: 3 })).toBe("completed");
    expect(counts(await loadJob(draft.job.id))).toMatchObject({ created: 8, failed: 0 });
    expect(await stored()).toBe(8);
  });
});

describe("a batch holding a lock the batch before it waits for", () => {
  /**
   * Batch 1 (rows 1–2) is held up in its contacts INSERT by a test trigger; meanwhile batch 2 (rows
   * 3–4) adds phone X as a new contact's. Batch 1 then adds X too and waits for batch 2's lock, while
   * batch 2 waits in JavaScript for batch 1 to commit: PostgreSQL sees no deadlock. Without batch 2
   * giving way, the import would hang. With `refuseY`, batch 1 then fails on Y, its next phone.
   */
  async function heldUpImport(options: { refuseY: boolean }) {
    const [a, x, y, b] = [importPhone(), importPhone(), importPhone(), importPhone()];
    const marker = unique("Slow");
    const name = `slow_import_${marker.toLowerCase().replace(/[^a-z0-9]/g, "")}`;
    await db.execute(sql.raw(`
      create function ${name}() returns trigger language plpgsql as $$
      begin
        -- Nested: PL/pgSQL resolves every field of a condition, and the tables have different ones.
        if tg_table_name = 'contacts' then
          if new.first_name = '${marker}' then perform pg_sleep(1); end if;
        elsif new.e164 = '${options.refuseY ? y : ""}' then
          raise exception 'refused by a test trigger';
        end if;
        return new;
      end $$;
      create trigger ${name} before insert on contacts for each row execute function ${name}();
      create trigger ${name} before insert on contact_phones for each row execute function ${name}()`));
    const file = ["First Name,Phone,Mobile", `${marker},${a},`, `Ok,${x},${y}`, `Dup,${x},`, `Other,${b},`].join("\r\n") + "\r\n";
    const draft = await uploadCsv(admin, file);
    await configureAndQueue(admin, draft.job.id, draft.mapping);
    const drop = () => db.execute(sql.raw(`drop trigger if exists ${name} on contacts; drop trigger if exists ${name} on contact_phones; drop function if exists ${name}()`));
    const stored = async () => (await db.execute<{ n: number }>(sql`select count(*)::int as n from contact_phones where e164 in ${[a, x, y, b]}`))[0]!.n;
    const holderOfX = async () =>
      (await db.execute<{ first_name: string }>(sql`select c.first_name from contacts c join contact_phones p on p.contact_id = c.id where p.e164 = ${x}`)).map((r) => r.first_name);
    return { jobId: draft.job.id, drop, stored, holderOfX };
  }

  it("gives way: it rolls back, the earlier batch commits, and it is done again after it", async () => {
    const run = await heldUpImport({ refuseY: false });
    try {
      expect(await runImportJob(run.jobId, { batchSize: 2, writers: 2 })).toBe("completed");
    } finally {
      await run.drop();
    }
    expect(counts(await loadJob(run.jobId))).toMatchObject({ created: 3, merged: 1, failed: 0 });
    expect(await run.holderOfX()).toEqual(["Dup"]);
    expect(await run.stored()).toBe(4);
  });

  it("having given way, stops when the earlier batch then fails, and the job resumes to the same end", async () => {
    const run = await heldUpImport({ refuseY: true });
    try {
      await expect(runImportJob(run.jobId, { batchSize: 2, writers: 2 })).rejects.toThrow("refused by a test trigger");
      const job = await loadJob(run.jobId);
      expect([job.status, job.processedRows, job.createdCount]).toEqual(["running", 0, 0]);
      expect(await run.stored()).toBe(0);
    } finally {
      await run.drop();
    }
    expect(await runImportJob(run.jobId, { batchSize: 2, writers: 2 })).toBe("completed");
    expect(counts(await loadJob(run.jobId))).toMatchObject({ created: 3, merged: 1, failed: 0 });
    expect(await run.holderOfX()).toEqual(["Dup"]);
    expect(await run.stored()).toBe(4);
  });
});
