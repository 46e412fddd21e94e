import type { ApiCaller } from '../accounts/authenticate-api-key.js';
import type { Deps } from '../deps.js';
import { listProjectChannels, type ChannelSummary } from '../store/channels.js';

/** `GET channels/` (spec §4.17): the caller's project's integrations. */
export function listChannels(deps: Pick<Deps, 'store'>, caller: ApiCaller): Promise<ChannelSummary[]> {
  return listProjectChannels(deps.store.db, caller.projectId);
}
