import type postgres from "postgres";
import { parseAuditParams } from "../../lib/audit-log/params";
import { rawSql } from "../../db";
import { listAuditPage, resolveAuditFilters } from "../../lib/audit-log/query";
import { BENCH_KEY_PREFIX } from "./seed-large";
import { figure, round, timed, type Figure } from "./stats";

const ACTORS = 20;
const BATCH = 500_000;
/** One entry in HOT_EVERY is about the hot contact, so it has n / HOT_EVERY entries: 10 000 deep needs n ≥ 410 000. */
const HOT_EVERY = 40;
const DEPTH = 10_000;
/** Untimed runs before each figure, so that the code under test is compiled and its statements prepared. */
const WARMUP = 50;
const LABEL = "Audit bench";

export interface AuditFigure extends Figure {
  p95_ratio: number;
}

/**
 * Seeds `n` audit entries set-wise (if fewer are there), written by 20 bench users about the bench
 * contacts, one in 40 about one "hot" contact (B-1), oldest first over the past year.
 */
async function seedAudit(sql: postgres.Sql, n: number, log: (m: string) => void): Promise<void> {
  const users = await sql<{ id: string }[]>`
    insert into users (name, email, password_hash, role)
    select ${LABEL} || ' ' || g, 'audit-bench-' || g || '@bench.invalid', 'x', 'agent' from generate_series(1, ${ACTORS}) g
    on conflict ((lower(email))) do update set name = excluded.name
    returning id`;
  const [{ have }] = (await sql`select count(*)::int as have from audit_log where actor_label like ${LABEL + " %"}`) as unknown as [{ have: number }];
  if (have >= n) return log(`audit: reusing ${have} seeded entries`);
  const [{ max }] = (await sql`select max(id)::bigint as max from contacts where contact_key like ${BENCH_KEY_PREFIX + "%"}`) as unknown as [{ max: string }];
  const [{ min }] = (await sql`select min(id)::bigint as min from contacts where contact_key like ${BENCH_KEY_PREFIX + "%"}`) as unknown as [{ min: string }];
  const [hot] = await sql<{ id: string }[]>`select id from contacts where contact_key = ${BENCH_KEY_PREFIX + "1"}`;
  const ids = `{${users.map((u) => u.id).join(",")}}`;
  const t0 = Date.now();
  for (let from = have; from < n; from += BATCH) {
    const to = Math.min(n, from + BATCH);
    await sql`
      insert into audit_log (actor_id, actor_label, action, entity_type, entity_id, before, after, created_at)
      select u.id, ${LABEL} || ' <' || u.id || '>', 'contact.update', 'contact',
        (case when g % ${HOT_EVERY} = 0 then ${hot!.id}::bigint else ${min}::bigint + (g::bigint * 7919) % (${max}::bigint - ${min}::bigint + 1) end)::text,
        jsonb_build_object('contact', jsonb_build_object('jobTitle', 'Before ' || g)),
        jsonb_build_object('contact', jsonb_build_object('jobTitle', 'After ' || g)),
        now() - make_interval(secs => (${n}::int - g) * 6)
      from generate_series(${from + 1}::int, ${to}::int) g
      join lateral (select (${ids}::bigint[])[1 + g % ${ACTORS}] as id) u on true`;
    log(`audit: seeded ${to} of ${n} entries (${Math.round((Date.now() - t0) / 1000)} s)`);
  }
  await sql`vacuum analyze audit_log`;
}

/** The statements `run` sends through the app's pool (whose Drizzle calls `unsafe` for each). */
async function capturedStatements(run: () => Promise<unknown>): Promise<{ text: string; params: unknown[]; options?: object }[]> {
  const pool = rawSql();
  const send = pool.unsafe;
  const captured: { text: string; params: unknown[]; options?: object }[] = [];
  pool.unsafe = ((text: string, params: unknown[], options?: object) => {
    captured.push({ text, params, options });
    return send.call(pool, text, params as postgres.ParameterOrJSON<never>[], options);
  }) as typeof pool.unsafe;
  try {
    await run();
  } finally {
    pool.unsafe = send;
  }
  return captured;
}

/** The id the page DEPTH entries deep starts below, for a predicate (computed once, untimed). */
async function deepCursor(sql: postgres.Sql, where: postgres.Fragment): Promise<number> {
  const [row] = await sql<{ id: string }[]>`select id from audit_log where ${where} order by id desc offset ${DEPTH} limit 1`;
  if (!row) throw new Error("Too few entries for a page 10 000 deep: seed more (--audit-entries)");
  return Number(row.id);
}

/**
 * The audit log's first page and a page 10 000 entries deep, unfiltered, by actor and by contact:
 * the viewer's functions (resolveAuditFilters, then listAuditPage) against the same statements
 * replayed raw, alternating which goes first.
 */
export async function benchAudit(sql: postgres.Sql, options: { entries: number; runs: number; log: (m: string) => void }): Promise<AuditFigure[]> {
  const { runs, log } = options;
  await seedAudit(sql, options.entries, log);
  const [actor] = await sql<{ id: string }[]>`select id from users where email = 'audit-bench-1@bench.invalid'`;
  const [hot] = await sql<{ id: string }[]>`select id from contacts where contact_key = ${BENCH_KEY_PREFIX + "1"}`;
  const actorDeep = await deepCursor(sql, sql`actor_id = ${actor!.id}`);
  const contactDeep = await deepCursor(sql, sql`entity_type = 'contact' and entity_id = ${hot!.id}`);
  const byActor = `actor=u${actor!.id}`;
  const byContact = `entity=${BENCH_KEY_PREFIX}1`;
  const scenarios: [string, string, number | null][] = [
    ["audit.first_page", "", null],
    ["audit.actor.first_page", byActor, null],
    ["audit.actor.deep_page", byActor, actorDeep],
    ["audit.contact.first_page", byContact, null],
    ["audit.contact.deep_page", byContact, contactDeep],
  ];
  const figures: AuditFigure[] = [];
  for (const [name, query, before] of scenarios) {
    const filters = parseAuditParams(new URLSearchParams(query)).filters;
    const viewer = async () => listAuditPage(await resolveAuditFilters(filters), before);
    // The raw statements: the very ones the viewer sends (the Contact ID with its merged contacts,
    // then the page), captured from the driver on an untimed run and replayed the same way.
    const statements = await capturedStatements(viewer);
    const raw = async () => {
      for (const s of statements) await sql.unsafe(s.text, s.params as postgres.ParameterOrJSON<never>[], s.options);
    };
    const viewerTimes: number[] = [];
    const rawTimes: number[] = [];
    for (let i = -WARMUP; i < runs; i++) {
      let viewerMs: number;
      let rawMs: number;
      if (i % 2 === 0) {
        [viewerMs] = await timed(viewer);
        [rawMs] = await timed(raw);
      } else {
        [rawMs] = await timed(raw);
        [viewerMs] = await timed(viewer);
      }
      if (i >= 0) {
        viewerTimes.push(viewerMs);
        rawTimes.push(rawMs);
      }
    }
    const f = figure(name, viewerTimes, rawTimes);
    const withRatio = { ...f, p95_ratio: round(f.p95_ms / f.raw_p95_ms) };
    log(`${name}: median ${f.median_ms} ms, p95 ${f.p95_ms} ms (raw ${f.raw_median_ms} / ${f.raw_p95_ms}), p95 ratio ${withRatio.p95_ratio}`);
    figures.push(withRatio);
  }
  return figures;
}
