import { describe, expect, it } from "vitest";
import { systemField } from "@/lib/contacts/fields";
import { enumParser, parseLanguage, parseTimeZone } from "./field-values";

const value = (r: { ok: true; value: string } | { ok: false; message: string }) => (r.ok ? r.value : `ERR ${r.message}`);

describe("enumParser", () => {
  it("reads our values and labels in any case and spacing", () => {
    const subscription = enumParser(systemField("subscription")!);
    expect(["subscribed", "Not set", "not_set", "UNSUBSCRIBED"].map((v) => value(subscription(v)))).toEqual([
      "subscribed",
      "not_set",
      "not_set",
      "unsubscribed",
    ]);
  });

  it("maps HubSpot lifecycle stages onto our lead stages", () => {
    const stage = enumParser(systemField("leadStage")!);
    const hubspot = {
      Subscriber: "lead",
      Lead: "lead",
      "Marketing Qualified Lead": "lead",
      marketingqualifiedlead: "lead",
      "Sales Qualified Lead": "contact",
      Opportunity: "opportunity",
      Customer: "customer",
      Evangelist: "customer",
      Other: "contact",
    };
    for (const [input, out] of Object.entries(hubspot)) expect([input, value(stage(input))]).toEqual([input, out]);
  });

  it("knows subscription and status synonyms and lists the choices otherwise", () => {
    expect(value(enumParser(systemField("subscription")!)("Opted out"))).toBe("unsubscribed");
    expect(value(enumParser(systemField("status")!)("Disabled"))).toBe("inactive");
    expect(value(enumParser(systemField("status")!)("Paused"))).toBe('ERR "Paused" is not a status (use Active, Inactive).');
  });
});

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
