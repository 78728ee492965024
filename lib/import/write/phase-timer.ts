/**
 * Where an import's time goes, for the benchmark (BENCHMARKS.md): each phase of a batch and each
 * statement of its write report their wall time. Off (undefined) in the app.
 */
export type PhaseTimer = (phase: string, ms: number) => void;

export async function timed<T>(timer: PhaseTimer | undefined, phase: string, work: PromiseLike<T>): Promise<T> {
  if (!timer) return work;
  const t0 = performance.now();
  try {
    return await work;
  } finally {
    timer(phase, performance.now() - t0);
  }
}

/** Sums per phase, in milliseconds. */
export function phaseTotals(): { timer: PhaseTimer; totals: Record<string, number> } {
  const totals: Record<string, number> = {};
  return { totals, timer: (phase, ms) => void (totals[phase] = (totals[phase] ?? 0) + ms) };
}
