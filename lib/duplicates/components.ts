import type { DuplicateReason } from "@/db/schema";
import { isExact } from "./rules";

/** Union-find over contact ids (path halving, union by size); holds only the ids that appear in pairs. */
class UnionFind {
  private parent = new Map<number, number>();
  private size = new Map<number, number>();

  find(x: number): number {
    let p = this.parent.get(x);
    if (p === undefined) {
      this.parent.set(x, x);
      this.size.set(x, 1);
      return x;
    }
    while (p !== x) {
      const grand = this.parent.get(p)!;
      this.parent.set(x, grand);
      x = p;
      p = this.parent.get(x)!;
    }
    return x;
  }

  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.size.get(ra)! < this.size.get(rb)!) [ra, rb] = [rb, ra];
    this.parent.set(rb, ra);
    this.size.set(ra, this.size.get(ra)! + this.size.get(rb)!);
  }

  ids(): IterableIterator<number> {
    return this.parent.keys();
  }
}

export interface Cluster {
  contactIds: number[];
  reasons: DuplicateReason[];
  /** Exact reasons alone join every member to the others. */
  exact: boolean;
}

/**
 * Builds the clusters (connected components) from pairs fed one at a time, so the pairs can stream
 * from a cursor: memory grows with the contacts that have a duplicate, not with the table.
 */
export class ClusterBuilder {
  private all = new UnionFind();
  private exactOnly = new UnionFind();
  private reasonsOf = new Map<number, Set<DuplicateReason>>();

  add(a: number, b: number, reason: DuplicateReason): void {
    this.all.union(a, b);
    if (isExact(reason)) this.exactOnly.union(a, b);
    // Reasons are kept on one endpoint and gathered by component at the end.
    let set = this.reasonsOf.get(a);
    if (!set) this.reasonsOf.set(a, (set = new Set()));
    set.add(reason);
  }

  /** Exact clusters first, then by size (largest first), then by lowest contact id. */
  clusters(): Cluster[] {
    const byRoot = new Map<number, { ids: number[]; reasons: Set<DuplicateReason>; exactRoots: Set<number> }>();
    for (const id of [...this.all.ids()]) {
      const root = this.all.find(id);
      let c = byRoot.get(root);
      if (!c) byRoot.set(root, (c = { ids: [], reasons: new Set(), exactRoots: new Set() }));
      c.ids.push(id);
      c.exactRoots.add(this.exactOnly.find(id));
      for (const r of this.reasonsOf.get(id) ?? []) c.reasons.add(r);
    }
    const out: Cluster[] = [...byRoot.values()].map((c) => ({
      contactIds: c.ids.sort((x, y) => x - y),
      reasons: ORDER.filter((r) => c.reasons.has(r)),
      exact: c.exactRoots.size === 1,
    }));
    return out.sort((x, y) => Number(y.exact) - Number(x.exact) || y.contactIds.length - x.contactIds.length || x.contactIds[0]! - y.contactIds[0]!);
  }
}

const ORDER: DuplicateReason[] = ["phone", "email", "gmail", "name_company", "name_city", "similar_name"];
