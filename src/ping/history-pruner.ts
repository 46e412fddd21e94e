import type { Deps } from '../deps.js';
import { pruneCheckHistory } from '../store/check-history.js';

const FLIP_RETENTION_MS = 93 * 24 * 3600 * 1000;
/** Healthchecks prunes when a check's ping count reaches a multiple of 100. */
export const PRUNE_EVERY_N_PINGS = 100;

export interface HistoryPruner {
  /** A ping gave the check its `n`-th ping: prune if that is a multiple of 100. */
  afterPing(checkId: number, n: number): void;
  /** Waits for the prunes in flight (a stop must not close the store under them). */
  drain(): Promise<void>;
}

/**
 * Prunes off the ping's own transaction. At most one prune per check runs at a time: a hot
 * check reaching its next hundred while the last prune still runs is covered by the next one.
 */
export function makeHistoryPruner(deps: Pick<Deps, 'store' | 'clock' | 'config' | 'log'>): HistoryPruner {
  const running = new Map<number, Promise<void>>();
  return {
    afterPing(checkId, n) {
      if (n % PRUNE_EVERY_N_PINGS !== 0 || running.has(checkId)) return;
      const job = pruneCheckHistory(deps.store.db, checkId, n, deps.config.pingLogLimit, deps.clock.now() - FLIP_RETENTION_MS)
        .catch((error: unknown) => deps.log.warn({ err: error, checkId }, 'pruning failed'))
        .finally(() => running.delete(checkId));
      running.set(checkId, job);
    },
    async drain() {
      await Promise.all(running.values());
    },
  };
}
