import type { Deps } from '../deps.js';
import { findPingLogLimit, pruneCheckHistory as prune } from '../store/check-history.js';

const FLIP_RETENTION_MS = 93 * 24 * 3600 * 1000;

/** Runs after every 100th ping of a check, off the ping's own transaction. */
export async function pruneCheckHistory(deps: Pick<Deps, 'store' | 'clock' | 'config'>, checkId: number): Promise<void> {
  const limit = (await findPingLogLimit(deps.store.db, checkId)) ?? deps.config.pingLogLimit;
  await prune(deps.store.db, checkId, limit, deps.clock.now() - FLIP_RETENTION_MS);
}
