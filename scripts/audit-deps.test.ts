import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { judge, parseAllowlist } from "./audit-deps";

/** A report in the shape of `npm audit --json` (auditReportVersion 2): a direct and a transitive finding. */
function report(severity: string) {
  return JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: {
      next: {
        name: "next",
        severity,
        isDirect: true,
        via: [{ source: 1101, name: "next", title: "Authorization bypass in middleware", url: "https://github.com/advisories/GHSA-f82v-jwr5-mffw", severity, range: ">=15.0.0 <15.2.3" }],
      },
      "some-wrapper": { name: "some-wrapper", severity, isDirect: true, via: ["cookie"] },
      cookie: {
        name: "cookie",
        severity: "low",
        via: [{ source: 1102, name: "cookie", title: "Out of bounds characters", url: "https://github.com/advisories/GHSA-pxg6-pf52-xh8x", severity: "low", range: "<0.7.0" }],
      },
    },
    metadata: { vulnerabilities: { info: 0, low: 1, moderate: 0, high: 0, critical: 1, total: 2 } },
  });
}

describe("the dependency audit's verdict", () => {
  it("blocks a high or critical advisory, not a low one", () => {
    for (const severity of ["high", "critical"]) {
      const verdict = judge(report(severity), []);
      expect(verdict).toMatchObject({ kind: "checked", blocking: [{ id: "GHSA-f82v-jwr5-mffw", package: "next", severity }], allowed: [] });
    }
    expect(judge(report("moderate"), [])).toMatchObject({ kind: "checked", blocking: [] });
  });

  it("lets an allow-listed advisory pass, and points out an entry that matches nothing any more", () => {
    const entry = { id: "GHSA-f82v-jwr5-mffw", package: "next", reason: "we do not use middleware" };
    const stale = { id: "GHSA-aaaa-bbbb-cccc", package: "papaparse", reason: "fixed upstream" };
    expect(judge(report("critical"), [entry, stale])).toMatchObject({ kind: "checked", blocking: [], allowed: [{ id: entry.id }], stale: [stale] });
    // The id alone is not enough: the same advisory reported on another package still blocks.
    expect(judge(report("critical"), [{ ...entry, package: "other" }])).toMatchObject({ blocking: [{ id: entry.id }] });
  });

  it("says the audit was not done when the registry has no audit endpoint, rather than calling it clean", () => {
    const mirror = JSON.stringify({ message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk", statusCode: 405 });
    expect(judge(mirror, [])).toEqual({ kind: "unavailable", why: expect.stringContaining("405 Method Not Allowed") });
    expect(judge("", [])).toMatchObject({ kind: "unavailable" });
  });

  it("refuses an allow-list entry without its reason; the committed allow-list is well-formed", () => {
    expect(() => parseAllowlist(JSON.stringify({ advisories: [{ id: "GHSA-x", package: "next", reason: " " }] }))).toThrow('entry 1 has no "reason"');
    expect(() => parseAllowlist("{}")).toThrow("advisories");
    expect(parseAllowlist(readFileSync(path.join(import.meta.dirname, "audit-allowlist.json"), "utf8"))).toEqual(expect.any(Array));
  });
});
