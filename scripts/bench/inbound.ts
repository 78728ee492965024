/**
 * `--only inbound` (issue 16): `clients` concurrent clients post messages to POST /api/v1/inbound of
 * the built app for `seconds` — 70 % from known numbers, 20 % from new ones, 10 % replays of a
 * message already answered — then the same mix as find-or-create SQL run directly, through a pool
 * of the app's size at the same concurrency (`rawFindOrCreate`). Counts errors (any answer but
 * 200/201, a replay answered differently) and duplicate contacts (a new number held by two). What it
 * added is removed at the end: the contacts it created, its messages, events and audit entries.
 */
import { randomBytes, randomInt } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import postgres from "postgres";
import { POOL_MAX } from "../../db/client";
import { concurrently, startBenchApp } from "./app-server";
import { figure, round } from "./stats";
import { deleteBenchAuditEntries } from "./erase-audit";

export interface InboundFigure {
  name: string;
  seconds: number;
  messages: number;
  per_s: number;
  median_ms: number;
  p95_ms: number;
  errors: number;
  duplicate_contacts: number;
  raw_per_s: number;
  raw_median_ms: number;
  raw_p95_ms: number;
  /** per_s ÷ raw_per_s (goal ≥ 0.5). */
  throughput_ratio: number;
}

interface Sent {
  body: { channel: "sms"; from: string; message_id: string; text: string };
  status: number;
  answer: string;
}

/** The mix: 70 % a known number, 20 % a new one (never sent before), 10 % a replay of an answered message. */
function mix(known: string[], fresh: () => string, answered: Sent[], stamp: string, i: number): { body: Sent["body"]; replayOf?: Sent } {
  const r = i % 10;
  if (r === 9 && answered.length) {
    const replayOf = answered[randomInt(answered.length)]!;
    return { body: replayOf.body, replayOf };
  }
  const from = r < 7 ? known[randomInt(known.length)]! : fresh();
  return { body: { channel: "sms", from, message_id: `ib-${stamp}-${i}`, text: `Bench message ${i}: is my order on its way?` } };
}

/**
 * The find-or-create a message needs, as plain SQL in one transaction: claim (channel, message_id),
 * lock the sender, find the contact by the number's key or create a lead with it, add the message
 * and move the last interaction, keep the answer. The floor under what the route does besides
 * (validation, the contact's snapshot and audit entry, the HTTP door).
 */
async function rawFindOrCreate(sql: postgres.Sql, body: Sent["body"]): Promise<number> {
  return sql.begin(async (tx) => {
    const claimed = await tx`insert into inbound_messages (channel, message_id) values (${body.channel}, ${body.message_id}) on conflict do nothing returning 1`;
    if (claimed.length === 0) {
      const [first] = await tx<{ status: number }[]>`select status from inbound_messages where channel = ${body.channel} and message_id = ${body.message_id}`;
      return first!.status;
    }
    await tx`select pg_advisory_xact_lock(hashtextextended(${`inbound:phone:${body.from}`}, 0))`;
    const [found] = await tx<{ id: string }[]>`select contact_id as id from contact_phones where match_key = phone_match_key(${body.from}) limit 1`;
    let id = found?.id;
    if (!id) {
      const [contact] = await tx<{ id: string }[]>`
        insert into contacts (contact_key, lead_stage, source) values (${`IB-${randomBytes(6).toString("hex")}`}, 'lead', 'sms') returning id`;
      id = contact!.id;
      await tx`insert into contact_phones (contact_id, e164, is_primary) values (${id}, ${body.from}, true)`;
    }
    await tx`insert into activities (contact_id, type, summary, occurred_at, external_ref) values (${id}, 'message', ${body.text}, now(), ${`sms:${body.message_id}`})`;
    await tx`update contacts set last_interaction_at = greatest(last_interaction_at, now()), version = version + 1 where id = ${id}`;
    await tx`update inbound_messages set status = ${found ? 200 : 201}, contact_id = ${id} where channel = ${body.channel} and message_id = ${body.message_id}`;
    return found ? 200 : 201;
  }) as Promise<number>;
}

export async function benchInbound(url: string, sql: postgres.Sql, options: { clients: number; seconds: number; instances?: number; log: (m: string) => void }): Promise<InboundFigure> {
  const { clients, seconds, log } = options;
  const stamp = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  // Known: numbers of live (not blocked) seeded contacts. New: US numbers the seed never makes, a block per run and half.
  const known = (
    await sql<{ e164: string }[]>`
      select p.e164 from contact_phones p join contacts c on c.id = p.contact_id
      where not c.blocked and c.contact_key like 'B-%' order by random() limit 20000`
  ).map((r) => r.e164);
  // Exchanges 230–299: none is an N11 service code, so every number made here is a valid one.
  const block = randomInt(230, 290) * 10_000;
  let httpFresh = 0;
  let rawFresh = 0;
  const fresh = (area: string, n: number) => `+1${area}${block + n}`;
  const app = await startBenchApp(url, `inbound bench ${stamp}`, options.instances ?? 1);
  const raw = postgres(url, { max: POOL_MAX, onnotice: () => {} });
  try {
    log(`inbound: ${clients} clients for ${seconds} s through HTTP (${options.instances ?? 1} instance(s)), then as plain SQL`);
    const answered: Sent[] = [];
    const http = await concurrently(clients, { until: performance.now() + seconds * 1000 }, async (i) => {
      const { body, replayOf } = mix(known, () => fresh("702", httpFresh++), answered, `h${stamp}`, i);
      const res = await fetch(`${app.base}/api/v1/inbound`, { method: "POST", headers: { ...app.headers, "content-type": "application/json" }, body: JSON.stringify(body) });
      const answer = await res.text();
      if (res.status !== 200 && res.status !== 201) throw new Error(`HTTP ${res.status} ${answer.slice(0, 300)}`);
      // The kept answer is JSON (jsonb): the same object, its keys perhaps in another order.
      if (replayOf && (res.status !== replayOf.status || !isDeepStrictEqual(JSON.parse(answer), JSON.parse(replayOf.answer)))) throw new Error(`a replay answered ${res.status} ${answer.slice(0, 200)}, not the first answer`);
      if (!replayOf) answered.push({ body, status: res.status, answer });
    });
    const rawAnswered: Sent[] = [];
    const direct = await concurrently(clients, { until: performance.now() + seconds * 1000 }, async (i) => {
      const { body, replayOf } = mix(known, () => fresh("725", rawFresh++), rawAnswered, `r${stamp}`, i);
      const status = await rawFindOrCreate(raw, body);
      if (replayOf && status !== replayOf.status) throw new Error(`a replay answered ${status}, not ${replayOf.status}`);
      if (!replayOf) rawAnswered.push({ body, status, answer: "" });
    });
    const [dup] = await sql<{ n: number }[]>`
      select count(*)::int as n from (
        select p.match_key from contact_phones p
        where p.e164 like ${`+1702${String(block).slice(0, 2)}%`} or p.e164 like ${`+1725${String(block).slice(0, 2)}%`}
        group by p.match_key having count(distinct p.contact_id) > 1) d`;
    for (const [what, r] of [["HTTP", http], ["SQL", direct]] as const) {
      if (r.errors.length) log(`inbound (${what}): ${r.errors.length} errors, e.g. ${r.errors[0]}`);
    }
    const f = figure("inbound", http.times, direct.times);
    const perS = round(http.times.length / http.seconds);
    const rawPerS = round(direct.times.length / direct.seconds);
    const result: InboundFigure = {
      name: "inbound",
      seconds,
      messages: http.times.length,
      per_s: perS,
      median_ms: f.median_ms,
      p95_ms: f.p95_ms,
      errors: http.errors.length,
      duplicate_contacts: dup!.n,
      raw_per_s: rawPerS,
      raw_median_ms: f.raw_median_ms,
      raw_p95_ms: f.raw_p95_ms,
      throughput_ratio: round(perS / rawPerS),
    };
    log(
      `inbound (${clients} clients): ${perS} messages/s, median ${f.median_ms} ms, p95 ${f.p95_ms} ms, ${result.errors} errors, ${result.duplicate_contacts} duplicate contacts` +
        ` (plain SQL: ${rawPerS} messages/s, p95 ${f.raw_p95_ms} ms; ratio ${result.throughput_ratio})`,
    );
    return result;
  } finally {
    await app.stop();
    await cleanUp(sql, stamp, block, app.token.name);
    await raw.end();
  }
}

async function cleanUp(sql: postgres.Sql, stamp: string, block: number, tokenName: string) {
  const prefix = String(block).slice(0, 2);
  await deleteBenchAuditEntries(sql, sql`actor_label = ${`API token ${tokenName}`}`);
  await sql`
    delete from contacts where id in (
      select contact_id from contact_phones where e164 like ${`+1702${prefix}%`} or e164 like ${`+1725${prefix}%`})`;
  const ids = await sql<{ contact_id: string }[]>`delete from inbound_messages where message_id like ${`ib-%${stamp}-%`} returning contact_id`;
  const contactIds = [...new Set(ids.map((r) => r.contact_id).filter(Boolean))];
  if (contactIds.length) await sql`delete from activities where contact_id = any(${contactIds}::bigint[]) and external_ref like ${`sms:ib-%${stamp}-%`}`;
}
