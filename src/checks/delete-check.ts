import type { ApiCaller } from '../accounts/authenticate-api-key.js';
import type { Deps } from '../deps.js';
import { newUuid } from '../lib/ids.js';
import { deleteCheckRow } from '../store/check-writes.js';
import { getCheck, type CheckWithChannels } from './read-checks.js';

/**
 * `DELETE checks/<uuid>` (spec §4.13): the check as it was, with `channels` as after the
 * deletion (none), as Healthchecks answers.
 */
export async function deleteCheck(deps: Pick<Deps, 'store'>, caller: ApiCaller, code: string): Promise<CheckWithChannels> {
  const check = await getCheck(deps, caller, code);
  await deleteCheckRow(deps.store.db, check.id, newUuid());
  return { ...check, channelCodes: [] };
}
