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
  /** Deadlines announced since the last cycle began; the next sleep ends by the earliest. */
  let announced = Infinity;
  let sleeping: { until: number; timer: NodeJS.Timeout; wake: () => void } | null = null;

  const sleepUntil = (until: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(sleeping?.timer);
        sleeping = null;
        resolve();
      };
      sleeping = { until, wake, timer: setTimeout(wake, Math.max(0, until - deps.clock.now())) };
    });

  async function cycle(): Promise<number> {
    try {
      const flips = await detectDown(deps);
      if (flips > 0) hooks.onFlips?.(flips);
      const next = await earliestAlertAfter(deps.store.db);
      return Math.min(next ?? Infinity, deps.clock.now() + MAX_SLEEP_MS);
    } catch (error) {
      log.error({ err: error }, 'down detection failed');
      return deps.clock.now() + RETRY_AFTER_ERROR_MS;
    }
  }

  const done = (async () => {
    while (!stopped) {
      announced = Infinity;
      const next = await cycle();
      if (stopped) break;
      await sleepUntil(Math.min(next, announced));
    }
  })();

  return {
    rearm(alertAfterMs) {
      announced = Math.min(announced, alertAfterMs);
      if (sleeping && alertAfterMs < sleeping.until) {
        clearTimeout(sleeping.timer);
        sleeping.until = alertAfterMs;
        sleeping.timer = setTimeout(sleeping.wake, Math.max(0, alertAfterMs - deps.clock.now()));
      }
    },
    async stop() {
      stopped = true;
      sleeping?.wake();
      await done;
    },
  };
}
