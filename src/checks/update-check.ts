import type { ApiCaller } from '../accounts/authenticate-api-key.js';
import type { Deps } from '../deps.js';
import { alertAfterWith, applyCheckChanges } from '../domain/apply-check-changes.js';
import type { Check } from '../domain/check.js';
import type { CheckChanges } from '../domain/check-changes.js';
import { AppError } from '../lib/app-error.js';
import { findCheckByCode } from '../store/checks.js';
import { replaceCheckChannels, updateCheckFieldsIfVersion } from '../store/check-writes.js';
import { getCheck, type CheckWithChannels } from './read-checks.js';
import { resolveChannels } from './resolve-channels.js';

const ATTEMPTS = 5;

/**
 * Applies `changes` to an existing check: channels validated first (nothing changes on an
 * error), then a compare-and-set on the row version, re-reading when a ping or the detector
 * wrote the check meanwhile, so their changes are never overwritten with stale values.
 */
export async function applyChangesTo(
  deps: Pick<Deps, 'store'>,
  check: Check,
  changes: CheckChanges,
  apiVersion: 1 | 2 | 3,
): Promise<void> {
  const channelIds = changes.channels === undefined ? undefined : await resolveChannels(deps, check.projectId, changes.channels);
  let current: Check | undefined = check;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (!current) throw new AppError('not_found', 'check not found');
    const fields = applyCheckChanges(current, changes, apiVersion);
    const written = await deps.store.db.transaction().execute(async (tx) => {
      if (!(await updateCheckFieldsIfVersion(tx, current!.id, current!.version, fields, alertAfterWith(current!, fields))))
        return false;
      if (channelIds) await replaceCheckChannels(tx, current!.id, channelIds);
      return true;
    });
    if (written) return;
    current = await findCheckByCode(deps.store.db, check.code);
  }
  throw new AppError('conflict', 'the check kept changing; try again');
}

/** `POST checks/<uuid>` (spec §4.10): 404 unknown, 403 another project's, else the check after. */
export async function updateCheck(
  deps: Pick<Deps, 'store'>,
  caller: ApiCaller,
  code: string,
  changes: CheckChanges,
  apiVersion: 1 | 2 | 3,
): Promise<CheckWithChannels> {
  const check = await getCheck(deps, caller, code);
  await applyChangesTo(deps, check, changes, apiVersion);
  return getCheck(deps, caller, code);
}
