import { requireWrite } from '../accounts/project-access.js';
import type { Deps } from '../deps.js';
import type { CheckChanges } from '../domain/check-changes.js';
import { goingDownAfter, statusAt } from '../domain/status.js';
import { changeStatusIfVersion } from '../store/status-change.js';
import { callerFor, type ProjectCheck } from './check-page-access.js';
import type { CheckWithChannels } from './read-checks.js';
import { updateCheck } from './update-check.js';

/**
 * A details-page form (name, schedule, filtering rules) through the API's update: the same
 * rules and the same compare-and-set. Unlike the API (spec §2.12 K), a schedule made
 * overdue here is marked down silently, as Healthchecks' form does: a pre-processed flip, so
 * nobody is alerted about a change they just made.
 */
export async function editCheck(
  deps: Pick<Deps, 'store' | 'clock'>,
  page: ProjectCheck,
  changes: CheckChanges,
): Promise<CheckWithChannels> {
  requireWrite(page.project);
  const check = await updateCheck(deps, callerFor(page.project), page.check.code, changes, 3);
  const now = deps.clock.now();
  if (check.status === 'up' && check.lastStartAt === null && statusAt(check, now) === 'down') {
    const flip = { at: goingDownAfter(check) ?? now, oldStatus: check.status, reason: 'timeout' as const, processed: true };
    // Lost to a ping or the detector meanwhile: then theirs is the current truth.
    await changeStatusIfVersion(deps.store, check, { status: 'down', clearRun: false, clearLastPing: false }, flip);
  }
  return check;
}
