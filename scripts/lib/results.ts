import { existsSync, readFileSync } from "node:fs";

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Counts from Vitest's JSON reporter. */
export function vitestCounts(file: string): Counts | null {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}

/** Counts from Playwright's JSON reporter (flaky tests count as failed: retries are off anyway). */
export function playwrightCounts(file: string): Counts | null {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return { passed: r.stats.expected, failed: r.stats.unexpected + r.stats.flaky, skipped: r.stats.skipped };
}

/** Counts of checks that are whole commands (the typecheck, the linter): each exit code is one test. */
export function commandCounts(exitCodes: number[]): Counts {
  const failed = exitCodes.filter((code) => code !== 0).length;
  return { passed: exitCodes.length - failed, failed, skipped: 0 };
}

export function line(label: string, c: Counts): string {
  return `${label}: ${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ""}`;
}

/**
 * What a suite adds to the closing total. A runner that exited with an error but reported no failing
 * test (its server did not start, the build failed, it crashed) counts as one failure, so the total
 * never reads "0 failed" for a suite that did not pass.
 */
export function suiteOutcome(reported: Counts | null, runnerFailed: boolean): { counts: Counts; note: string } {
  if (!reported) return { counts: { passed: 0, failed: 1, skipped: 0 }, note: " (the runner did not finish)" };
  if (runnerFailed && reported.failed === 0) return { counts: { ...reported, failed: 1 }, note: " (the runner failed outside any test)" };
  return { counts: reported, note: "" };
}
