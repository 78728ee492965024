/**
 * One batch's place in the order of an import whose batches are written side by side on several
 * connections but must commit in file order (the checkpoint is a line number, the result files are
 * appended batch after batch): what a later batch needs to know of it.
 */
export class BatchTurn {
  /** Contacts the current attempt's plan merges into (published before it writes); null while it plans. */
  targets: ReadonlySet<number> | null = null;
  /** What the committed attempt merged into: a later batch planned before this commit must not share any. */
  committedTargets: ReadonlySet<number> | null = null;
  /** The server process of its open transaction, if one is open. */
  pid: number | null = null;
  #planned = deferred<void>();
  #done = deferred<void>();
  #ended = false;

  constructor(readonly batchNo: number) {
    // A turn nobody waits on must not be an unhandled rejection.
    this.#done.promise.catch(() => {});
  }

  get committed(): boolean {
    return this.committedTargets !== null;
  }

  /** It ended without committing (the batches after it cannot commit either). */
  get failed(): boolean {
    return this.#ended && !this.committed;
  }

  /** The batch has a plan for its current attempt (or has ended): a later batch may compare its own plan with it. */
  get planned(): Promise<void> {
    return this.#planned.promise;
  }

  /** Settles once the batch has committed and the job has taken note of it; rejects if it never will. */
  get done(): Promise<void> {
    return this.#done.promise;
  }

  publish(targets: ReadonlySet<number>): void {
    this.targets = targets;
    this.#planned.resolve();
  }

  /** Its attempt rolled back and it will plan again: later batches wait for the new plan before comparing. */
  replan(): void {
    if (this.#ended || this.targets === null) return;
    this.targets = null;
    this.#planned = deferred<void>();
  }

  markCommitted(): void {
    this.committedTargets = this.targets ?? new Set();
  }

  finish(error?: unknown): void {
    this.#ended = true;
    this.#planned.resolve();
    if (error === undefined) this.#done.resolve();
    else this.#done.reject(error);
  }
}

export function overlaps(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const id of small) if (large.has(id)) return true;
  return false;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
