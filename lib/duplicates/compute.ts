// Raw postgres.js: one transaction of set-wise statements on temp tables, and a cursor over the pairs.
import type postgres from "postgres";
import { rawSql } from "@/db";
import type { DuplicateReason } from "@/db/schema";
import { ClusterBuilder, type Cluster } from "./components";
import { createPairsTable, EXACT_RULES, exactPairs, fuzzyPairs } from "./rules";

/** Serialises every writer of the cluster tables (the full computation's swap, incremental checks). */
export const CLUSTERS_LOCK = "duplicate_clusters";

export interface ComputeOptions {
  /** Told after each step: `done` of `total`. */
  onProgress?: (done: number, total: number) => Promise<void> | void;
  /** Leave out the fuzzy rule (the benchmark times exact clusters on their own). */
  exactOnly?: boolean;
}

export interface ComputeResult {
  clusters: number;
  exactClusters: number;
  contacts: number;
  pairs: number;
  /** Milliseconds per step. */
  timings: Record<string, number>;
}

const WRITE_CHUNK = 5_000;

/**
 * The full computation: every rule's pairs into a temp table, less the pairs decided "Not duplicates",
 * connected into clusters in one streaming pass, then the stored clusters replaced by the new ones,
 * all in one transaction, so the page shows either the old clusters or the new, never a mix.
 */
export async function computeDuplicates(options: ComputeOptions = {}): Promise<ComputeResult> {
  const steps = EXACT_RULES.length + (options.exactOnly ? 0 : 1) + 2;
  let done = 0;
  const timings: Record<string, number> = {};
  const step = async (name: string, work: () => Promise<void>) => {
    const t0 = performance.now();
    await work();
    timings[name] = Math.round(performance.now() - t0);
    await options.onProgress?.(++done, steps);
  };
  return rawSql().begin(async (tx) => {
    // A few large sorts and hashes: memory for them rather than spilling to disk (this transaction only).
    await tx`set local work_mem = '256MB'`;
    // Compiling these plans took longer than running them on small workspaces.
    await tx`set local jit = off`;
    await createPairsTable(tx);
    for (const rule of EXACT_RULES) await step(rule.reason, () => exactPairs(tx, rule));
    if (!options.exactOnly) await step("similar_name", () => fuzzyPairs(tx));
    const builder = new ClusterBuilder();
    let pairs = 0;
    await step("components", async () => {
      const cursor = tx<{ a: string; b: string; reason: DuplicateReason }[]>`
        select a, b, reason from dup_pairs p
        where not exists (select 1 from duplicate_dismissals d where d.low_id = p.a and d.high_id = p.b)`.cursor(10_000);
      for await (const rows of cursor) {
        for (const r of rows) builder.add(Number(r.a), Number(r.b), r.reason);
        pairs += rows.length;
      }
    });
    const clusters = builder.clusters();
    await step("write", () => replaceClusters(tx, clusters));
    return {
      clusters: clusters.length,
      exactClusters: clusters.filter((c) => c.exact).length,
      contacts: clusters.reduce((n, c) => n + c.contactIds.length, 0),
      pairs,
      timings,
    };
  });
}

/**
 * Makes the stored clusters the computed ones, members with their versions of now, rewriting only
 * what changed: a recompute finds mostly the clusters it found last time, and each member row
 * written costs two foreign-key checks (BENCHMARKS.md). The computed clusters are staged in temp
 * tables; a stored cluster with exactly the same contacts stays (same id; its reasons, exactness
 * and member versions brought up to date); the others go, and the new ones are added in the
 * builder's order.
 */
async function replaceClusters(tx: postgres.TransactionSql, clusters: Cluster[]): Promise<void> {
  await tx`create temp table dup_out (ord int primary key, exact boolean not null, reasons text[] not null, ids bigint[] not null) on commit drop`;
  for (let i = 0; i < clusters.length; i += WRITE_CHUNK) {
    const chunk = clusters.slice(i, i + WRITE_CHUNK);
    // One array literal per column; a cluster's contact ids as one text "{1,2,3}" each, cast per row.
    await tx`
      insert into dup_out (ord, exact, reasons, ids)
      select ${i} + u.n - 1, u.exact, string_to_array(u.reasons, '|'), u.ids::bigint[]
      from unnest(${literal(chunk.map((c) => (c.exact ? "t" : "f")))}::boolean[], ${literal(chunk.map((c) => `"${c.reasons.join("|")}"`))}::text[],
        ${literal(chunk.map((c) => `"{${c.contactIds.join(",")}}"`))}::text[]) with ordinality u(exact, reasons, ids, n)`;
  }
  await tx`select pg_advisory_xact_lock(hashtextextended(${CLUSTERS_LOCK}, 0))`;
  // The stored clusters by their contacts (sorted, as the builder gives them).
  await tx`
    create temp table dup_kept on commit drop as
    select o.ord, k.id from (
      select k.id, coalesce(array_agg(m.contact_id order by m.contact_id) filter (where m.contact_id is not null), '{}') as ids
      from duplicate_clusters k left join duplicate_cluster_members m on m.cluster_id = k.id group by k.id
    ) k join dup_out o on o.ids = k.ids`;
  await tx`delete from duplicate_clusters k where not exists (select 1 from dup_kept x where x.id = k.id)`;
  await tx`
    update duplicate_clusters k set exact = o.exact, reasons = o.reasons
    from dup_kept x join dup_out o on o.ord = x.ord
    where k.id = x.id and (k.exact, k.reasons) is distinct from (o.exact, o.reasons)`;
  await tx`
    update duplicate_cluster_members m set version = c.version
    from contacts c where c.id = m.contact_id and m.version <> c.version`;
  await tx`
    create temp table dup_added on commit drop as
    select o.ord, nextval('duplicate_clusters_id_seq') as id
    from (select ord from dup_out o where not exists (select 1 from dup_kept x where x.ord = o.ord) order by ord) o`;
  await tx`
    insert into duplicate_clusters (id, exact, reasons)
    select a.id, o.exact, o.reasons from dup_added a join dup_out o on o.ord = a.ord order by a.id`;
  await tx`
    insert into duplicate_cluster_members (cluster_id, contact_id, version)
    select a.id, u.contact_id, c.version
    from dup_added a join dup_out o on o.ord = a.ord cross join unnest(o.ids) u(contact_id) join contacts c on c.id = u.contact_id`;
}

/** An array literal, bound as one parameter (ids, t/f, and reason lists of known words only). */
function literal(values: readonly (number | string)[]): string {
  return `{${values.join(",")}}`;
}
