import { describe, expect, it } from "vitest";
import { PSEUDONYM_WORDS, pseudonymFor } from "./pseudonym";

describe("a web chat guest's pseudonym", () => {
  it("draws from 100 distinct adjectives × 100 distinct animals", () => {
    expect(new Set(PSEUDONYM_WORDS.adjectives).size).toBe(100);
    expect(new Set(PSEUDONYM_WORDS.animals).size).toBe(100);
  });

  it("is Guest + an adjective and an animal, the same for the same visitor, and spread across visitors", () => {
    const name = pseudonymFor("visitor-1");
    expect(name.firstName).toBe("Guest");
    const [adjective, animal] = name.lastName.split(" ");
    expect(PSEUDONYM_WORDS.adjectives).toContain(adjective);
    expect(PSEUDONYM_WORDS.animals).toContain(animal);
    expect(pseudonymFor("visitor-1")).toEqual(name);
    const many = new Set(Array.from({ length: 1000 }, (_, i) => pseudonymFor(`visitor-${i}`).lastName));
    expect(many.size).toBeGreaterThan(900);
  });
});
