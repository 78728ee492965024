/**
 * How every date-time is shown: in the reader's time zone (the browser's), the zone named on hover.
 * Pure and safe on both sides; only the browser knows the zone, so callers render after mount
 * (components/ui/local-time.tsx) and the server's first paint says UTC.
 */

export type TimeMode = "datetime" | "date";

const OPTIONS: Record<TimeMode, Intl.DateTimeFormatOptions> = {
  datetime: { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  date: { day: "numeric", month: "short", year: "numeric" },
};

/** "7 Dec 2026, 14:05" (or "7 Dec 2026") in `timeZone`, the reader's own when not given. */
export function formatLocalTime(date: Date, mode: TimeMode = "datetime", timeZone?: string): string {
  return new Intl.DateTimeFormat("en-GB", { ...OPTIONS[mode], timeZone }).format(date);
}

/** "Europe/Paris (GMT+1)": the zone's name and its offset on that date. */
export function zoneLabel(date: Date, timeZone?: string): string {
  const zone = timeZone ?? new Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = new Intl.DateTimeFormat("en-GB", { timeZone: zone, timeZoneName: "shortOffset" })
    .formatToParts(date)
    .find((p) => p.type === "timeZoneName")?.value;
  return offset && !/^(Etc\/)?UTC$/.test(zone) ? `${zone} (${offset})` : zone;
}

/** The hover text: the full date-time and the zone, "7 Dec 2026, 14:05 Europe/Paris (GMT+1)". */
export function fullLocalTime(date: Date, timeZone?: string): string {
  return `${formatLocalTime(date, "datetime", timeZone)} ${zoneLabel(date, timeZone)}`;
}
