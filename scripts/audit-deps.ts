// The production dependencies against npm's advisory database: `npm audit --omit=dev --json`, failing
// on any high or critical advisory that scripts/audit-allowlist.json does not excuse with a reason.
// CI (.ci/run) runs it right after `npm ci`. Exit codes: 0 clean (or the audit endpoint unreachable,
// said loudly; AUDIT_STRICT=1 makes that a failure too), 1 findings, 2 a malformed allow-list.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const BLOCKING = ["high", "critical"] as const;

export interface Advisory {
  /** The GHSA id, read from the advisory's URL (e.g. GHSA-f82v-jwr5-mffw). */
  id: string;
  package: string;
  severity: string;
  title: string;
  url: string;
  range: string;
}

export interface AllowEntry {
  id: string;
  package: string;
  reason: string;
}

export type Verdict =
  | { kind: "unavailable"; why: string }
  | { kind: "checked"; blocking: Advisory[]; allowed: Advisory[]; stale: AllowEntry[]; counts: Record<string, number> };

interface Via {
  source?: number;
  name?: string;
  title?: string;
  url?: string;
  severity?: string;
  range?: string;
}

/** Reads the allow-list; every entry needs an advisory id, its package and the reason it does not apply. */
export function parseAllowlist(text: string): AllowEntry[] {
  const data = JSON.parse(text) as { advisories?: unknown };
  if (!Array.isArray(data.advisories)) throw new Error('The allow-list needs an "advisories" array.');
  return data.advisories.map((entry: Partial<AllowEntry>, i) => {
    for (const key of ["id", "package", "reason"] as const) {
      if (typeof entry[key] !== "string" || !entry[key]!.trim()) throw new Error(`Allow-list entry ${i + 1} has no "${key}".`);
    }
    return entry as AllowEntry;
  });
}

/** What `npm audit --json` printed, judged: an error object (no endpoint) or advisories by severity. */
export function judge(stdout: string, allowlist: AllowEntry[]): Verdict {
  let report: { vulnerabilities?: Record<string, { via?: (Via | string)[] }>; metadata?: { vulnerabilities?: Record<string, number> }; message?: string };
  try {
    report = JSON.parse(stdout);
  } catch {
    return { kind: "unavailable", why: `npm audit printed no JSON report (${stdout.trim().slice(0, 200) || "nothing"})` };
  }
  if (!report.vulnerabilities || !report.metadata) return { kind: "unavailable", why: report.message ?? "npm audit returned no report" };
  const seen = new Map<string, Advisory>();
  for (const entry of Object.values(report.vulnerabilities)) {
    for (const via of entry.via ?? []) {
      if (typeof via === "string" || !via.url) continue; // a string names another package, listed on its own
      const id = via.url.match(/GHSA-[\w-]+$/)?.[0] ?? String(via.source);
      seen.set(`${id} ${via.name}`, { id, package: via.name ?? "?", severity: via.severity ?? "?", title: via.title ?? "", url: via.url, range: via.range ?? "" });
    }
  }
  const serious = [...seen.values()].filter((a) => (BLOCKING as readonly string[]).includes(a.severity));
  const excused = (a: Advisory) => allowlist.some((e) => e.id === a.id && e.package === a.package);
  return {
    kind: "checked",
    blocking: serious.filter((a) => !excused(a)),
    allowed: serious.filter(excused),
    stale: allowlist.filter((e) => !serious.some((a) => a.id === e.id && a.package === e.package)),
    counts: report.metadata.vulnerabilities ?? {},
  };
}

function main(): number {
  const root = path.resolve(import.meta.dirname, "..");
  let allowlist: AllowEntry[];
  try {
    allowlist = parseAllowlist(readFileSync(path.join(import.meta.dirname, "audit-allowlist.json"), "utf8"));
  } catch (error) {
    console.error(`audit-deps: scripts/audit-allowlist.json: ${(error as Error).message}`);
    return 2;
  }
  const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const verdict = judge(run.stdout ?? "", allowlist);
  if (verdict.kind === "unavailable") {
    console.warn(`audit-deps: NOT AUDITED — the registry's audit endpoint is unavailable: ${verdict.why}`);
    if (process.env.AUDIT_STRICT === "1") return 1;
    console.warn("audit-deps: no advisory could be read, so none fails the build (AUDIT_STRICT=1 makes this a failure).");
    return 0;
  }
  const line = (a: Advisory) => `  ${a.severity.padEnd(8)} ${a.package} ${a.range}: ${a.title} (${a.url})`;
  for (const a of verdict.allowed) console.log(`audit-deps: allowed by the allow-list:\n${line(a)}`);
  for (const e of verdict.stale) console.warn(`audit-deps: allow-list entry ${e.id} (${e.package}) matches no current advisory; remove it.`);
  const c = verdict.counts;
  console.log(`audit-deps: production dependencies: ${c.critical ?? 0} critical, ${c.high ?? 0} high, ${c.moderate ?? 0} moderate, ${c.low ?? 0} low.`);
  if (verdict.blocking.length) {
    console.error(`audit-deps: ${verdict.blocking.length} high or critical advisor${verdict.blocking.length === 1 ? "y" : "ies"}:\n${verdict.blocking.map(line).join("\n")}`);
    console.error("Upgrade the package, or add the advisory to scripts/audit-allowlist.json with the reason it does not apply.");
    return 1;
  }
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main());
