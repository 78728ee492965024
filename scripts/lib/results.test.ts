import { describe, expect, it } from "vitest";
import { commandCounts, suiteOutcome } from "./results";

describe("suiteOutcome", () => {
  it("counts a suite whose runner failed outside any test (a server that did not start) as one failure", () => {
    expect(suiteOutcome({ passed: 0, failed: 0, skipped: 0 }, true)).toEqual({
      counts: { passed: 0, failed: 1, skipped: 0 },
      note: " (the runner failed outside any test)",
    });
  });

  it("counts a suite that reported nothing as one failure", () => {
    expect(suiteOutcome(null, true).counts).toEqual({ passed: 0, failed: 1, skipped: 0 });
  });

  it("keeps the reported counts when tests failed or all passed", () => {
    expect(suiteOutcome({ passed: 3, failed: 2, skipped: 0 }, true).counts).toEqual({ passed: 3, failed: 2, skipped: 0 });
    expect(suiteOutcome({ passed: 5, failed: 0, skipped: 1 }, false)).toEqual({ counts: { passed: 5, failed: 0, skipped: 1 }, note: "" });
  });
});

describe("commandCounts", () => {
  it("counts each command as one test, failed when it exited non-zero", () => {
    expect(commandCounts([0, 0])).toEqual({ passed: 2, failed: 0, skipped: 0 });
    expect(commandCounts([0, 2])).toEqual({ passed: 1, failed: 1, skipped: 0 });
  });
});
