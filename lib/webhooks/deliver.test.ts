import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./deliver";

describe("webhook retry delays", () => {
  it("double from 30 s and stop growing at an hour", () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n) / 1000)).toEqual([30, 60, 120, 240, 480]);
    expect(retryDelayMs(8)).toBe(60 * 60 * 1000);
    expect(retryDelayMs(40)).toBe(60 * 60 * 1000);
  });

  it("keep trying for the whole 24 hours: about thirty attempts, not a handful", () => {
    let elapsed = 0;
    let attempts = 1;
    while (elapsed + retryDelayMs(attempts) <= 24 * 60 * 60 * 1000) elapsed += retryDelayMs(attempts++);
    expect(attempts).toBeGreaterThan(25);
  });
});
