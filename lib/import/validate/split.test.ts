import { describe, expect, it } from "vitest";
import { splitEmails, splitFullName, splitPhones, splitTags } from "./split";

describe("splitFullName", () => {
  it("splits first and last name", () => {
    expect(splitFullName("Ada Lovelace")).toEqual({ firstName: "Ada", lastName: "Lovelace" });
    expect(splitFullName("Mary Ann  Smith")).toEqual({ firstName: "Mary Ann", lastName: "Smith" });
    expect(splitFullName("Cher")).toEqual({ firstName: "Cher" });
  });

  it("keeps particles and suffixes with the last name, drops honorifics", () => {
    expect(splitFullName("Ludwig van Beethoven")).toEqual({ firstName: "Ludwig", lastName: "van Beethoven" });
    expect(splitFullName("Martin Luther King Jr.")).toEqual({ firstName: "Martin Luther", lastName: "King Jr." });
    expect(splitFullName("Dr. Grace Hopper")).toEqual({ firstName: "Grace", lastName: "Hopper" });
  });

  it("reads last-name-first with a comma", () => {
    expect(splitFullName("Lovelace, Ada")).toEqual({ firstName: "Ada", lastName: "Lovelace" });
    expect(splitFullName("Martin King, Jr.")).toEqual({ firstName: "Martin", lastName: "King Jr." });
  });
});

describe("splitTags", () => {
  it("splits Google, Outlook and hand-made lists and drops Google's myContacts group", () => {
    expect(splitTags("* myContacts ::: VIP ::: Newsletter")).toEqual(["VIP", "Newsletter"]);
    expect(splitTags("* starred ::: Friends")).toEqual(["starred", "Friends"]);
    expect(splitTags("Customers;Berlin")).toEqual(["Customers", "Berlin"]);
    expect(splitTags("a, b | c,,")).toEqual(["a", "b", "c"]);
  });
});

describe("splitPhones and splitEmails", () => {
  it("split Google's multi-value cells", () => {
    expect(splitPhones("+1 555-0100 ::: +1 555-0199")).toEqual(["+1 555-0100", "+1 555-0199"]);
    expect(splitPhones("1,555,0100")).toEqual(["1,555,0100"]);
    expect(splitEmails("a@example.com ::: b@example.com; c@example.com, d@example.com")).toEqual([
      "a@example.com",
      "b@example.com",
      "c@example.com",
      "d@example.com",
    ]);
  });
});
