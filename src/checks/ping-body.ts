import type { ApiCaller } from '../accounts/authenticate-api-key.js';
import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { pingBody as storedPingBody } from '../store/ping-log.js';
import { pingLogLimit } from './list-pings.js';
import { getCheck } from './read-checks.js';

/**
 * Spec §4.15: the exact stored bytes of ping `n`. A ping outside the visible window (§3.9), a
 * missing one, and one without a body are all not found, as Healthchecks' generic 404.
 */
export async function pingBody(
  deps: Pick<Deps, 'store' | 'config'>,
  caller: ApiCaller,
  code: string,
  n: number,
): Promise<Uint8Array> {
  const check = await getCheck(deps, caller, code);
  if (n <= check.nPings - (await pingLogLimit(deps, check.projectId))) throw new AppError('not_found', 'ping not found');
  const body = await storedPingBody(deps.store.db, check.id, n);
  if (!body || body.length === 0) throw new AppError('not_found', 'ping not found');
  return body;
}
