import type { Deps } from '../deps.js';
import { pruneCheckHistory } from '../store/check-history.js';

/** Heartbeat flips are kept 93 days (spec §3.9); Cloud flips the same. */
export const FLIP_RETENTION_MS = 93 * 24 * 3600 * 1000;
/** Healthchecks prunes when a check's ping count reaches a multiple of 100. */
export const PRUNE_EVERY_N_PINGS = 100;
/**
 * …and we at most this often per check: a hot check reaches a hundred several times a second,
 * and what the API shows never depends on pruning having run (it lists `n > n_pings − limit`).
 */
const MIN_INTERVAL_MS = 10_000;
/** Bound on the per-check memory of recent prunes; stale entries are dropped beyond it. */
const REMEMBERED_CHECKS = 10_000;

export interface HistoryPruner {
  /** A ping gave the check its `n`-th ping: prune if that is a multiple of 100. */
  afterPing(checkId: number, n: number): void;
  /** Waits for the prunes in flight (a stop must not close the store under them). */
  drain(): Promise<void>;
}

/**
 * Prunes off the ping's own transaction, at most one prune per check at a time and one per
 * MIN_INTERVAL_MS: a skipped hundred is covered by the next prune, which deletes by threshold.
 */
export function makeHistoryPruner(deps: Pick<Deps, 'store' | 'clock' | 'config' | 'log'>): HistoryPruner {
  const running = new Map<number, Promise<void>>();
  const lastStarted = new Map<number, number>();
  const forgetStale = (now: number) => {
    if (lastStarted.size < REMEMBERED_CHECKS) return;
    for (const [checkId, at] of lastStarted) if (now - at >= MIN_INTERVAL_MS) lastStarted.delete(checkId);
  };
  return {
    afterPing(checkId, n) {
      if (n % PRUNE_EVERY_N_PINGS !== 0 || running.has(checkId)) return;
      const now = deps.clock.now();
      if (now - (lastStarted.get(checkId) ?? -Infinity) < MIN_INTERVAL_MS) return;
      forgetStale(now);
      lastStarted.set(checkId, now);
      const job = pruneCheckHistory(deps.store.db, checkId, n, deps.config.pingLogLimit, now - FLIP_RETENTION_MS)
        .catch((error: unknown) => deps.log.warn({ err: error, checkId }, 'pruning failed'))
        .finally(() => running.delete(checkId));
      running.set(checkId, job);
    },
    async drain() {
      await Promise.all(running.values());
    },
  };
}
