import type { Deps } from '../deps.js';
import { goingDownAfter, statusAt } from '../domain/status.js';
import { findDueChecks, markDownIfUnchanged, rescheduleIfUnchanged } from '../store/down-detection.js';

const BATCH = 200;

/**
 * Spec §8.2 for every check whose `alert_after` has passed: mark it down with a flip dated at
 * the moment it went down, or, when it is not down after all (pinged meanwhile, only late),
 * move its `alert_after`. Safe to run in any number of processes at once: every write is a
 * compare-and-set, so a flip is recorded exactly once. Returns how many flips this call made.
 */
export async function detectDown(deps: Pick<Deps, 'store' | 'clock' | 'log'>, now: number = deps.clock.now()): Promise<number> {
  let flips = 0;
  for (;;) {
    const due = await findDueChecks(deps.store.db, now, BATCH);
    let progressed = 0;
    for (const check of due) {
      const deadline = goingDownAfter(check);
      if (statusAt(check, now) === 'down') {
        const flip = { at: deadline ?? now, oldStatus: check.status, newStatus: 'down' as const, reason: 'timeout' as const };
        if (await markDownIfUnchanged(deps.store, check, flip)) {
          flips++;
          deps.log.info({ checkId: check.id, at: flip.at }, 'check went down');
        }
      } else {
        await rescheduleIfUnchanged(deps.store.db, check, deadline);
      }
      progressed++;
    }
    // A partial page means nothing else is due; a full one may hide more behind it.
    if (due.length < BATCH || progressed === 0) return flips;
  }
}
