import { requireWrite } from '../accounts/project-access.js';
import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { decidePing, type PingPayload, type PingRequest } from '../ping/decide-ping.js';
import { commitPingBatch } from '../store/ping-batch.js';
import type { ProjectCheck } from './check-page-access.js';

/** Where the button was pressed: recorded as an HTTP ping's source is. */
export interface PingNowSource {
  scheme: string;
  remoteAddr: string | null;
  ua: string;
}

/**
 * "Ping now" (spec §12): a success signal recorded exactly as `POST /ping/<uuid>` with an empty
 * body would be — the same decision (keyword filters, manual resume, runs) and the same
 * transaction — so a flip it causes reaches the alert pipeline as any ping's does. The dashboard
 * has no ping recorder of its own, so it commits a group of one; the detector and the delivery
 * loop see the result on their next pass (at most a second later), as for a ping another node
 * took.
 */
export async function pingNow(deps: Pick<Deps, 'store' | 'clock'>, page: ProjectCheck, source: PingNowSource): Promise<void> {
  requireWrite(page.project);
  const body = new Uint8Array(0);
  const request: PingRequest = {
    target: { code: page.check.code },
    source: { via: 'http', action: 'success', exitStatus: null, method: 'POST', body },
    scheme: source.scheme,
    remoteAddr: source.remoteAddr,
    method: 'POST',
    ua: source.ua.slice(0, 200),
    rid: undefined,
    exitStatus: null,
    body,
    bodyTooLarge: false,
    keepWholeBody: false,
    create: false,
  };
  const payload: PingPayload = { request, at: deps.clock.now(), storedBody: null };
  const [result] = await commitPingBatch(deps.store, [{ target: request.target, payload }], decidePing);
  if (!result?.ok) {
    if (result?.error === 'not_found') throw new AppError('not_found', 'check not found');
    if (result?.error === 'unavailable')
      throw new AppError('unavailable', 'the ping was not recorded: the database cannot be reached');
    throw new AppError('bad_request', `the ping was refused (${result?.error ?? 'no answer'})`);
  }
}
