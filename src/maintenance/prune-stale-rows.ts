import type { Deps } from '../deps.js';
import { FLIP_RETENTION_MS } from '../ping/history-pruner.js';
import { pruneOldCloudFlips } from '../store/cloud-flips.js';
import { pruneExpiredLoginLinks } from '../store/login-links.js';
import { pruneExpiredSessions } from '../store/sessions.js';
import { pruneTokenBuckets } from '../store/token-buckets.js';

const DAY_MS = 24 * 3600 * 1000;

export interface Pruned {
  sessions: number;
  loginLinks: number;
  tokenBuckets: number;
  cloudFlips: number;
}

/**
 * Deletes rows nothing reads any more, so a server that runs for years keeps its tables small:
 * expired sessions and login links, rate-limit buckets idle for a day (spec §1.9; a missing
 * bucket is a full one), and Cloud flips older than heartbeat flips are kept (93 days). Plain
 * deletes by age: any number of nodes may run it at once.
 */
export async function pruneStaleRows(deps: Pick<Deps, 'store' | 'clock'>): Promise<Pruned> {
  const now = deps.clock.now();
  const db = deps.store.db;
  return {
    sessions: await pruneExpiredSessions(db, now),
    loginLinks: await pruneExpiredLoginLinks(db, now),
    tokenBuckets: await pruneTokenBuckets(deps.store, now - DAY_MS),
    cloudFlips: await pruneOldCloudFlips(db, now - FLIP_RETENTION_MS),
  };
}
