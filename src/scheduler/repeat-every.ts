export interface Repeating {
  /** Interrupts the wait, lets a pass in progress finish, and resolves when the loop ended. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` now and again `intervalMs` after each pass ends, until stopped. A pass that throws
 * is reported to `onError` and the loop goes on: the next pass may well succeed.
 */
export function repeatEvery(intervalMs: number, pass: () => Promise<void>, onError: (error: unknown) => void): Repeating {
  let stopped = false;
  let wake: (() => void) | null = null;
  const done = (async () => {
    while (!stopped) {
      try {
        await pass();
      } catch (error) {
        onError(error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await done;
    },
  };
}
