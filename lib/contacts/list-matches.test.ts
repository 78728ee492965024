import { describe, expect, it } from "vitest";
import { twoFigures } from "./list-matches";

describe("twoFigures", () => {
  it("keeps the two leading figures of an estimate", () => {
    expect(twoFigures(11_692)).toBe(12_000);
    expect(twoFigures(987_654)).toBe(990_000);
    expect(twoFigures(1_049)).toBe(1_000);
    expect(twoFigures(250)).toBe(250);
    expect(twoFigures(42.4)).toBe(42);
  });
});
