import type { Deps } from '../deps.js';
import { detectDown } from '../alerts/detect-down.js';
import { earliestAlertAfter } from '../store/down-detection.js';

/** Never asleep longer than this: other nodes' changes are seen within a second. */
const MAX_SLEEP_MS = 1_000;
const RETRY_AFTER_ERROR_MS = 1_000;

export interface DetectorLoop {
  /** A local change set a deadline at `alertAfterMs`: wake earlier if it is sooner. */
  rearm(alertAfterMs: number): void;
  stop(): Promise<void>;
}

/**
 * Sleeps until the earliest `alert_after` (at most a second), runs detectDown, repeats.
 * Timing only: what a due check means is decided in alerts/.
 */
export function startDetectorLoop(
  deps: Pick<Deps, 'store' | 'clock' | 'log'>,
  hooks: { onFlips?(count: number): void } = {},
): DetectorLoop {
  const log = deps.log.child({ component: 'detector' });
  let stopped = false;
  let wakeAt = Infinity;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;

  const sleepUntil = (at: number) =>
    new Promise<void>((resolve) => {
      wakeAt = at;
      wake = resolve;
      timer = setTimeout(resolve, Math.max(0, at - deps.clock.now()));
    });

  async function cycle(): Promise<number> {
    try {
      const flips = await detectDown(deps);
      if (flips > 0) hooks.onFlips?.(flips);
      const next = await earliestAlertAfter(deps.store.db);
      const now = deps.clock.now();
      return Math.min(next ?? Infinity, now + MAX_SLEEP_MS);
    } catch (error) {
      log.error({ err: error }, 'down detection failed');
      return deps.clock.now() + RETRY_AFTER_ERROR_MS;
    }
  }

  const done = (async () => {
    while (!stopped) {
      const next = await cycle();
      if (stopped) break;
      await sleepUntil(next);
      clearTimeout(timer);
      wakeAt = Infinity;
    }
  })();

  return {
    rearm(alertAfterMs) {
      if (alertAfterMs < wakeAt && wake) {
        clearTimeout(timer);
        timer = setTimeout(wake, Math.max(0, alertAfterMs - deps.clock.now()));
        wakeAt = alertAfterMs;
      }
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await done;
    },
  };
}
