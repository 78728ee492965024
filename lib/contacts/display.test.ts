import { describe, expect, it } from "vitest";
import { contactDisplayName } from "./display";
import { columnOf, sqlColumnOf } from "./fields";

describe("contactDisplayName", () => {
  it("names a contact by its name, else its company, else its Contact ID", () => {
    expect(contactDisplayName({ fullName: "Ada Lovelace", company: "Analytical", contactKey: "C-1" })).toBe("Ada Lovelace");
    expect(contactDisplayName({ fullName: null, company: "Analytical", contactKey: "C-1" })).toBe("Analytical");
    expect(contactDisplayName({ fullName: null, company: null, contactKey: "C-1" })).toBe("C-1");
  });
});

describe("columnOf / sqlColumnOf", () => {
  it("map a system field to the contacts key and SQL column that store it", () => {
    expect(columnOf("jobTitle")).toBe("jobTitle");
    expect(sqlColumnOf("lastInteractionAt")).toBe("last_interaction_at");
    expect(columnOf("favoriteAgent")).toBe("favoriteAgentId");
    expect(sqlColumnOf("favoriteAgent")).toBe("favorite_agent_id");
  });
});
