import type { Deps } from '../deps.js';
import { pruneStaleRows } from '../maintenance/prune-stale-rows.js';

/** Stale rows pile up slowly: an hourly pass (and one at start) keeps up with any install. */
const INTERVAL_MS = 3_600_000;

export interface HousekeepingLoop {
  stop(): Promise<void>;
}

/** Runs the pruning pass at start and every hour. Timing only: what is stale lives in maintenance/. */
export function startHousekeepingLoop(deps: Pick<Deps, 'store' | 'clock' | 'log'>): HousekeepingLoop {
  const log = deps.log.child({ component: 'housekeeping' });
  let stopped = false;
  let wake: (() => void) | null = null;
  const done = (async () => {
    while (!stopped) {
      try {
        const pruned = await pruneStaleRows(deps);
        if (Object.values(pruned).some((n) => n > 0)) log.info(pruned, 'stale rows pruned');
      } catch (error) {
        log.error({ err: error }, 'pruning stale rows failed');
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, INTERVAL_MS);
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
