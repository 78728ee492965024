import { describe, expect, it } from "vitest";
import { describeJob } from "./view";

describe("describeJob", () => {
  const job = { action: "add_tags" as const, params: { tagIds: [1] }, total: 12_408, processed: 5_000, lastError: null };

  it("says what is happening, then what happened", () => {
    expect(describeJob({ ...job, status: "running" })).toBe("Add tags: 5,000 of 12,408 contacts done…");
    expect(describeJob({ ...job, status: "completed" })).toBe("Tagged 12,408 contacts.");
    expect(describeJob({ ...job, action: "block", params: { blocked: false }, status: "completed", total: 1 })).toBe("Unblocked 1 contact.");
    expect(describeJob({ ...job, status: "cancelled" })).toBe("Cancelled after 5,000 of 12,408 contacts.");
    expect(describeJob({ ...job, status: "failed", lastError: "Resume it." })).toBe("Stopped after 5,000 of 12,408 contacts: Resume it.");
  });
});
