/**
 * Collects the items submitted during one turn of the event loop (and, while a group is being
 * committed, everything that arrives meanwhile) into one group for `commit`. Under load the
 * groups grow by themselves; when idle a ping waits for nothing but its own commit.
 */
export interface GroupCommitter<I, R> {
  submit(item: I): Promise<R>;
  /** Resolves once everything submitted so far has been committed (for a graceful stop). */
  drain(): Promise<void>;
}

interface Waiting<I, R> {
  item: I;
  resolve(result: R): void;
  reject(error: unknown): void;
}

export function groupCommitter<I, R>(
  commit: (items: I[]) => Promise<R[]>,
  options: { maxGroupSize: number; maxInFlight: number },
): GroupCommitter<I, R> {
  const queue: Waiting<I, R>[] = [];
  let inFlight = 0;
  let scheduled = false;
  let idleWaiters: Array<() => void> = [];

  const settleIdle = () => {
    if (queue.length > 0 || inFlight > 0 || scheduled) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  };

  const schedule = () => {
    if (scheduled || inFlight >= options.maxInFlight || queue.length === 0) return;
    scheduled = true;
    setImmediate(flush);
  };

  function flush() {
    scheduled = false;
    while (queue.length > 0 && inFlight < options.maxInFlight) {
      const group = queue.splice(0, options.maxGroupSize);
      inFlight++;
      commit(group.map((w) => w.item))
        .then(
          (results) => group.forEach((w, i) => w.resolve(results[i] as R)),
          (error: unknown) => group.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          inFlight--;
          schedule();
          settleIdle();
        });
    }
  }

  return {
    submit: (item) =>
      new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        schedule();
      }),
    drain: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      }),
  };
}
