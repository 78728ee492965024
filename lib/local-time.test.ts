import { describe, expect, it } from "vitest";
import { formatLocalTime, fullLocalTime, zoneLabel } from "./local-time";

const at = new Date("2026-12-07T13:05:00Z");

describe("local times", () => {
  it("format a moment in the given zone, as a date-time or a date", () => {
    expect(formatLocalTime(at, "datetime", "Europe/Paris")).toBe("7 Dec 2026, 14:05");
    expect(formatLocalTime(at, "date", "Pacific/Kiritimati")).toBe("8 Dec 2026");
    expect(formatLocalTime(new Date("2026-12-07T00:05:00Z"), "datetime", "UTC")).toBe("7 Dec 2026, 00:05");
  });

  it("name the zone with its offset on that date, UTC plainly", () => {
    expect(zoneLabel(at, "Europe/Paris")).toBe("Europe/Paris (GMT+1)");
    expect(zoneLabel(new Date("2026-07-07T13:05:00Z"), "Europe/Paris")).toBe("Europe/Paris (GMT+2)");
    expect(zoneLabel(at, "Asia/Kolkata")).toBe("Asia/Kolkata (GMT+5:30)");
    expect(zoneLabel(at, "UTC")).toBe("UTC");
  });

  it("give the hover text: the full time and the zone", () => {
    expect(fullLocalTime(at, "Europe/Paris")).toBe("7 Dec 2026, 14:05 Europe/Paris (GMT+1)");
  });
});
