import { describe, expect, it } from "vitest";
import { ClusterBuilder } from "./components";

describe("ClusterBuilder", () => {
  it("connects pairs into clusters with every reason, exact only when exact reasons join all members", () => {
    const b = new ClusterBuilder();
    b.add(1, 2, "phone");
    b.add(2, 3, "name_company");
    b.add(3, 9, "similar_name");
    b.add(5, 6, "gmail");
    b.add(7, 8, "similar_name");
    b.add(10, 11, "name_city");
    b.add(11, 12, "similar_name");
    b.add(10, 12, "name_company");
    expect(b.clusters()).toEqual([
      // Exact first, larger first: 10–11–12 are joined by exact reasons alone (10–11, 10–12).
      { contactIds: [10, 11, 12], reasons: ["name_company", "name_city", "similar_name"], exact: true },
      { contactIds: [5, 6], reasons: ["gmail"], exact: true },
      { contactIds: [1, 2, 3, 9], reasons: ["phone", "name_company", "similar_name"], exact: false },
      { contactIds: [7, 8], reasons: ["similar_name"], exact: false },
    ]);
  });
});
