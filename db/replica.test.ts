import { describe, expect, it } from "vitest";
import { lsnValue } from "./replica";

describe("lsnValue", () => {
  it("orders WAL positions as PostgreSQL does, across the 32-bit boundary of their low half", () => {
    expect(lsnValue("0/0")).toBe(0n);
    expect(lsnValue("16/B374D848")).toBe((0x16n << 32n) + 0xb374d848n);
    expect(lsnValue("0/FFFFFFFF") < lsnValue("1/0")).toBe(true);
    expect(lsnValue("1/A") > lsnValue("1/9")).toBe(true);
    expect(lsnValue("A/0") > lsnValue("9/FFFFFFFF")).toBe(true);
  });
});
