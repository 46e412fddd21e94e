import type { Deps } from '../deps.js';
import { pruneStaleRows } from '../maintenance/prune-stale-rows.js';
import { repeatEvery, type Repeating } from './repeat-every.js';

/** Stale rows pile up slowly: an hourly pass (and one at start) keeps up with any install. */
const INTERVAL_MS = 3_600_000;

/** Runs the pruning pass at start and every hour. Timing only: what is stale lives in maintenance/. */
export function startHousekeepingLoop(deps: Pick<Deps, 'store' | 'clock' | 'log'>): Repeating {
  const log = deps.log.child({ component: 'housekeeping' });
  return repeatEvery(
    INTERVAL_MS,
    async () => {
      const pruned = await pruneStaleRows(deps);
      if (Object.values(pruned).some((n) => n > 0)) log.info(pruned, 'stale rows pruned');
    },
    (error) => log.error({ err: error }, 'pruning stale rows failed'),
  );
}
