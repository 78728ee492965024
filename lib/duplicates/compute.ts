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

/** Replaces every stored cluster, the members with their versions of now. */
async function replaceClusters(tx: postgres.TransactionSql, clusters: Cluster[]): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtextextended(${CLUSTERS_LOCK}, 0))`;
  await tx`delete from duplicate_clusters`;
  for (let i = 0; i < clusters.length; i += WRITE_CHUNK) {
    const chunk = clusters.slice(i, i + WRITE_CHUNK);
    const ids = (await tx<{ id: string }[]>`select nextval('duplicate_clusters_id_seq') as id from generate_series(1, ${chunk.length})`).map((r) => Number(r.id));
    await tx`
      insert into duplicate_clusters (id, exact, reasons)
      select id, exact, string_to_array(reasons, '|')
      from unnest(${literal(ids)}::bigint[], ${literal(chunk.map((c) => (c.exact ? "t" : "f")))}::boolean[], ${literal(chunk.map((c) => `"${c.reasons.join("|")}"`))}::text[]) u(id, exact, reasons)`;
    const memberCluster = chunk.flatMap((c, k) => c.contactIds.map(() => ids[k]!));
    const memberContact = chunk.flatMap((c) => c.contactIds);
    await tx`
      insert into duplicate_cluster_members (cluster_id, contact_id, version)
      select m.cluster_id, m.contact_id, c.version
      from unnest(${literal(memberCluster)}::bigint[], ${literal(memberContact)}::bigint[]) m(cluster_id, contact_id)
      join contacts c on c.id = m.contact_id`;
  }
}

/** An array literal, bound as one parameter (ids, t/f, and reason lists of known words only). */
function literal(values: readonly (number | string)[]): string {
  return `{${values.join(",")}}`;
}
