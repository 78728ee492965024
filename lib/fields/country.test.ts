import { describe, expect, it } from "vitest";
import { isCountryCode } from "@/lib/countries";
import { countryCode, parseCountry } from "./country";

describe("countryCode", () => {
  it("reads ISO codes in any case", () => {
    expect(["DE", "de", " gb ", "us"].map(countryCode)).toEqual(["DE", "DE", "GB", "US"]);
  });

  it("reads English names as exports write them", () => {
    const names = {
      Germany: "DE",
      "United States": "US",
      "United States of America": "US",
      "United Kingdom": "GB",
      UK: "GB",
      "South Korea": "KR",
      "Hong Kong": "HK",
      "Hong Kong SAR China": "HK",
      Myanmar: "MM",
      Burma: "MM",
      "Côte d'Ivoire": "CI",
      "Cote d’Ivoire": "CI",
      "St. Kitts & Nevis": "KN",
      "Saint Kitts and Nevis": "KN",
      "Czech Republic": "CZ",
      Czechia: "CZ",
      Türkiye: "TR",
      Turkey: "TR",
      Deutschland: "DE",
      "the Netherlands": "NL",
      "The Gambia": "GM",
      Netherlands: "NL",
    };
    for (const [name, code] of Object.entries(names)) expect([name, countryCode(name)]).toEqual([name, code]);
  });

  it("does not take continents, unions or made-up names for countries", () => {
    expect(["Europe", "EU", "European Union", "UN", "Atlantis", "", "ZZ"].map(countryCode)).toEqual(Array(7).fill(undefined));
  });
});

describe("parseCountry", () => {
  it("gives the code, or one message that quotes the value", () => {
    expect(parseCountry("Deutschland")).toEqual({ ok: true, value: "DE" });
    expect(parseCountry("Atlantis")).toEqual({ ok: false, message: '"Atlantis" is not a country (use a name like Germany or a code like DE).' });
  });
});

describe("isCountryCode", () => {
  it("accepts upper-case alpha-2 codes of real countries only", () => {
    expect(["US", "DE", "XK"].every(isCountryCode)).toBe(true);
    expect(["us", "EU", "ZZ", "USA", ""].some(isCountryCode)).toBe(false);
  });
});
