import { describe, expect, it } from "vitest";
import { parseExternalId, parseExternalSystem, parseIdentifierLabel } from "./external-id";

describe("external IDs and identifier labels", () => {
  it("reads a system name in lower case, and refuses one that is not a name", () => {
    expect(parseExternalSystem("HubSpot")).toEqual({ ok: true, value: "hubspot" });
    expect(parseExternalSystem("sales_force-2")).toEqual({ ok: true, value: "sales_force-2" });
    for (const bad of ["2crm", "hub spot", "x".repeat(41)]) expect(parseExternalSystem(bad).ok, bad).toBe(false);
  });

  it("keeps an ID as given, on one line, within the default text limit", () => {
    expect(parseExternalId("AbC-0042")).toEqual({ ok: true, value: "AbC-0042" });
    expect(parseExternalId("a\nb")).toEqual({ ok: false, message: "Write this value on one line: this field takes no line breaks or tabs." });
    expect(parseExternalId("x".repeat(201))).toEqual({ ok: false, message: "Use at most 200 characters (this has 201)." });
  });

  it("takes a label of at most 50 characters", () => {
    expect(parseIdentifierLabel("work")).toEqual({ ok: true, value: "work" });
    expect(parseIdentifierLabel("w".repeat(51))).toEqual({ ok: false, message: "Use at most 50 characters (this has 51)." });
  });
});
