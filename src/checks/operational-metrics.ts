import type { Deps } from '../deps.js';
import { operationalCounts } from '../store/metrics.js';

/** `/api/vN/metrics/` (spec §11.2, §4.20): what an operator's monitoring polls, in Healthchecks' key order. */
export async function operationalMetrics(deps: Pick<Deps, 'store' | 'clock'>) {
  const counts = await operationalCounts(deps.store.db);
  return {
    ts: Math.floor(deps.clock.now() / 1000),
    max_ping_id: counts.maxPingId,
    max_notification_id: counts.maxNotificationId,
    num_unprocessed_flips: counts.unprocessedFlips,
  };
}
