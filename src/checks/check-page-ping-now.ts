import { requireWrite } from '../accounts/project-access.js';
import { AppError } from '../lib/app-error.js';
import type { PingRequest } from '../ping/decide-ping.js';
import type { PingRecorder } from '../ping/record-ping.js';
import type { ProjectCheck } from './check-page-access.js';

/** Where the button was pressed: recorded as an HTTP ping's source is. */
export interface PingNowSource {
  scheme: string;
  remoteAddr: string | null;
  ua: string;
}

/**
 * "Ping now" (spec §12): a success signal recorded by the same recorder as `POST /ping/<uuid>`
 * with an empty body — the same decision (keyword filters, manual resume, runs), group commit,
 * history pruning, and the wake-ups of the detector and the alert pipeline.
 */
export async function pingNow(recorder: PingRecorder, page: ProjectCheck, source: PingNowSource): Promise<void> {
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
  const answer = await recorder.record(request);
  if (answer === 'ok') return;
  if (answer === 'not_found') throw new AppError('not_found', 'check not found');
  if (answer === 'unavailable') throw new AppError('unavailable', 'the ping was not recorded: the database cannot be reached');
  throw new AppError('bad_request', `the ping was refused (${answer})`);
}
