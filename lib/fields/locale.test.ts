import { describe, expect, it } from "vitest";
import { parseLanguage, parseTimeZone } from "./locale";

const value = (r: { ok: true; value: string } | { ok: false; message: string }) => (r.ok ? r.value : `ERR ${r.message}`);

describe("parseLanguage", () => {
  it("reads tags and English names", () => {
    expect(["en", "pt_br", "PT-br", "German", "english", "zh-Hant-TW"].map((v) => value(parseLanguage(v)))).toEqual([
      "en",
      "pt-BR",
      "pt-BR",
      "de",
      "en",
      "zh-Hant-TW",
    ]);
  });

  it("refuses what is not a language", () => {
    expect(value(parseLanguage("Klingonese"))).toMatch(/^ERR "Klingonese" is not a language/);
    expect(value(parseLanguage("qq"))).toMatch(/is not a language/);
  });
});

describe("parseTimeZone", () => {
  it("reads IANA names in any case, UTC and links", () => {
    expect(["Europe/Berlin", "america/new_york", "UTC", "gmt", "US/Eastern"].map((v) => value(parseTimeZone(v)))).toEqual([
      "Europe/Berlin",
      "America/New_York",
      "UTC",
      "UTC",
      expect.stringMatching(/^(US\/Eastern|America\/New_York)$/),
    ]);
  });

  it("refuses offsets and made-up zones", () => {
    expect(value(parseTimeZone("Mars/Olympus"))).toMatch(/is not a time zone/);
    expect(value(parseTimeZone("+05:00"))).toMatch(/is not a time zone/);
  });
});
