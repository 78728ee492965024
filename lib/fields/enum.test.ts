import { describe, expect, it } from "vitest";
import { systemField } from "@/lib/contacts/fields";
import { enumParser } from "./enum";

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

