import type { Deps } from '../deps.js';
import type { Check } from '../domain/check.js';
import { listCheckFlips, type FlipLogEntry } from '../store/flip-log.js';

/** The flips API's query (spec §4.16), validated; absent (or `seconds` 0) means no filter. */
export interface FlipFilters {
  /** Only flips of the last N seconds. */
  seconds?: number;
  /** UNIX seconds: flips at or after. */
  start?: number;
  /** UNIX seconds: flips strictly before. */
  end?: number;
}

/** A check's flips, newest first, filtered (spec §4.16); the caller has already looked the check up. */
export async function listFlips(
  deps: Pick<Deps, 'store' | 'clock'>,
  check: Check,
  filters: FlipFilters,
): Promise<FlipLogEntry[]> {
  const starts: number[] = [];
  if (filters.start !== undefined) starts.push(filters.start * 1000);
  if (filters.seconds) starts.push(deps.clock.now() - filters.seconds * 1000);
  return listCheckFlips(deps.store.db, check.id, {
    fromMs: starts.length ? Math.max(...starts) : undefined,
    beforeMs: filters.end === undefined ? undefined : filters.end * 1000,
  });
}
