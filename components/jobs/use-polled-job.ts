"use client";

import { useEffect, useState, type Dispatch, type SetStateAction } from "react";

const FINAL = new Set(["completed", "failed", "cancelled"]);

/** Whether a queued job (bulk, duplicates) has ended. */
export const jobEnded = (status: string) => FINAL.has(status);

/**
 * Follows a queued job until it ends by polling `GET {url}` every second, a GET because server
 * actions run one at a time per page and a poll would hold up the user's other actions. The route
 * answers `{ job }`; a failed poll (network, a restart) keeps the last state and tries again. The
 * setter takes a state the page learnt otherwise (a Cancel's answer).
 */
export function usePolledJob<T extends { status: string }>(initial: T, url: string): [T, Dispatch<SetStateAction<T>>] {
  const [job, setJob] = useState(initial);
  useEffect(() => {
    if (jobEnded(job.status)) return;
    let stopped = false;
    const timer = setTimeout(async () => {
      const next = await fetch(url, { cache: "no-store" })
        .then((response) => (response.ok ? (response.json() as Promise<{ job: T }>) : null))
        .catch(() => null);
      if (!stopped) setJob(next ? next.job : { ...job });
    }, 1000);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [job, url]);
  return [job, setJob];
}
