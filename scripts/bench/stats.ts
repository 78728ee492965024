export interface Figure {
  name: string;
  n: number;
  median_ms: number;
  p95_ms: number;
  raw_median_ms: number;
  raw_p95_ms: number;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const round = (x: number) => Math.round(x * 100) / 100;

export function figure(name: string, lib: number[], raw: number[]): Figure {
  return {
    name,
    n: lib.length,
    median_ms: round(percentile(lib, 50)),
    p95_ms: round(percentile(lib, 95)),
    raw_median_ms: round(percentile(raw, 50)),
    raw_p95_ms: round(percentile(raw, 95)),
  };
}

export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const value = await fn();
  return [performance.now() - t, value];
}
