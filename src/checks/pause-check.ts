import type { ApiCaller } from '../accounts/authenticate-api-key.js';
import type { Deps } from '../deps.js';
import type { StoredStatus } from '../domain/check.js';
import { AppError } from '../lib/app-error.js';
import { changeStatusIfVersion } from '../store/status-change.js';
import { getCheck, type CheckWithChannels } from './read-checks.js';

const ATTEMPTS = 5;

async function changeStatus(
  deps: Pick<Deps, 'store' | 'clock'>,
  caller: ApiCaller,
  code: string,
  decide: (check: CheckWithChannels) => { status: StoredStatus; clearLastPing: boolean } | 'unchanged',
): Promise<CheckWithChannels> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const check = await getCheck(deps, caller, code);
    const change = decide(check);
    if (change === 'unchanged') return check;
    const flip = { at: deps.clock.now(), oldStatus: check.status, reason: '' as const, processed: true };
    if (await changeStatusIfVersion(deps.store, check, { ...change, clearRun: true }, flip)) return getCheck(deps, caller, code);
    // A ping or the detector wrote the check meanwhile: decide again on what it is now.
  }
  throw new AppError('conflict', 'the check kept changing; try again');
}

/** `POST checks/<uuid>/pause` (spec §4.11): paused, not running, no deadline; a no-op when paused. */
export function pauseCheck(deps: Pick<Deps, 'store' | 'clock'>, caller: ApiCaller, code: string): Promise<CheckWithChannels> {
  return changeStatus(deps, caller, code, (check) =>
    check.status === 'paused' ? 'unchanged' : { status: 'paused', clearLastPing: false },
  );
}

/** `POST checks/<uuid>/resume` (spec §4.12): back to `new` with no last ping; 409 unless paused. */
export function resumeCheck(deps: Pick<Deps, 'store' | 'clock'>, caller: ApiCaller, code: string): Promise<CheckWithChannels> {
  return changeStatus(deps, caller, code, (check) => {
    if (check.status !== 'paused') throw new AppError('conflict', 'check is not paused');
    return { status: 'new', clearLastPing: true };
  });
}
