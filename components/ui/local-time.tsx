"use client";

import { useSyncExternalStore } from "react";

interface LocalTimeProps {
  value: Date | string;
  /** "datetime" (default) or "date". */
  mode?: "datetime" | "date";
}

const subscribe = () => () => {};

/**
 * A timestamp in the reader's own time zone and locale. The server, which does not know them,
 * renders UTC; the browser swaps in local time after hydration.
 */
export function LocalTime({ value, mode = "datetime" }: LocalTimeProps) {
  const date = typeof value === "string" ? new Date(value) : value;
  const options: Intl.DateTimeFormatOptions =
    mode === "date" ? { dateStyle: "medium" } : { dateStyle: "medium", timeStyle: "short" };
  const text = useSyncExternalStore(
    subscribe,
    () => date.toLocaleString(undefined, options),
    () => `${date.toLocaleString("en-GB", { ...options, timeZone: "UTC" })} UTC`,
  );
  return <time dateTime={date.toISOString()}>{text}</time>;
}
