import { describe, expect, it } from "vitest";
import { contactDisplayName, displayFieldValue } from "./display";
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

describe("displayFieldValue", () => {
  it("names a user field's user, never shows the stored id", () => {
    expect(displayFieldValue("favoriteAgent", 7, { "7": "Priya Nair" })).toBe("Priya Nair");
    expect(displayFieldValue("favoriteAgent", 7)).toBe("Unknown user");
    expect(displayFieldValue("favoriteAgent", null, { "7": "Priya Nair" })).toBe("—");
  });

  it("reads enums, countries and booleans as people do", () => {
    expect(displayFieldValue("leadStage", "customer")).toBe("Customer");
    expect(displayFieldValue("country", "DE")).toBe("Germany");
    expect(displayFieldValue("blocked", true)).toBe("Yes");
  });
});
