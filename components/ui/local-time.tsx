"use client";

import { useSyncExternalStore } from "react";
import { formatLocalTime, fullLocalTime, type TimeMode } from "@/lib/local-time";

interface LocalTimeProps {
  value: Date | string;
  /** "datetime" (default) or "date". */
  mode?: TimeMode;
}

const subscribe = () => () => {};
const browserZone = () => new Intl.DateTimeFormat().resolvedOptions().timeZone;
const noZone = () => null;

/**
 * THE way a date-time is shown: in the reader's own time zone, the full time and the zone's name on
 * hover. The server, which does not know the zone, renders UTC (saying so); the browser swaps in its
 * own zone after hydration, so the two never disagree while React compares them.
 */
export function LocalTime({ value, mode = "datetime" }: LocalTimeProps) {
  const date = typeof value === "string" ? new Date(value) : value;
  const zone = useSyncExternalStore(subscribe, browserZone, noZone);
  const text = formatLocalTime(date, mode, zone ?? "UTC");
  return (
    <time dateTime={date.toISOString()} title={fullLocalTime(date, zone ?? "UTC")} className="whitespace-nowrap">
      {zone ? text : `${text} UTC`}
    </time>
  );
}
