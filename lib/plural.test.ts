import { describe, expect, it } from "vitest";
import { countOf, nounFor } from "./plural";

describe("countOf", () => {
  it("uses the singular for exactly one, the plural for everything else", () => {
    expect(countOf(1, "event")).toBe("1 event");
    expect(countOf(0, "event")).toBe("0 events");
    expect(countOf(2, "contact")).toBe("2 contacts");
    expect(countOf(1.5, "row")).toBe("1.5 rows");
  });

  it("groups thousands", () => {
    expect(countOf(62000, "contact")).toBe("62,000 contacts");
  });

  it("takes an irregular plural", () => {
    expect(countOf(3, "match", "matches")).toBe("3 matches");
    expect(countOf(1, "match", "matches")).toBe("1 match");
    expect(nounFor(2, "option")).toBe("options");
  });
});
