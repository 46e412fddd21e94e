import type { PingKind } from './classify-ping.js';

/** Healthchecks' MAX_DURATION: a start further back than this never pairs with a completion. */
export const MAX_DURATION_MS = 72 * 3_600_000;

/** More fallback lookups than this and the Pings API shows no durations at all (spec §2.7). */
const MAX_FALLBACKS = 10;

export interface DurationPing {
  n: number;
  createdAt: number;
  kind: PingKind;
  rid: string | null;
}

/** The newest start, success or fail with the ping's rid within 72 hours before it. */
export type PreviousRunSignal = Pick<DurationPing, 'kind' | 'createdAt'>;

export type DurationPlan =
  | { omitted: true }
  | {
      omitted: false;
      /** Durations settled from the fetched pings alone, by ping `n`. */
      durationsMs: Map<number, number>;
      /** Completions whose rid the fetched pings do not explain: each needs one database lookup. */
      lookups: DurationPing[];
    };

const completes = (kind: PingKind) => kind === 'success' || kind === 'fail';

/**
 * Spec §2.7, Healthchecks' batch form: walk the fetched pings oldest first, remembering each
 * rid's pending start. A completion whose rid has not been seen at all in the window needs the
 * per-ping fallback, unless the window already reaches 72 hours back from it.
 */
export function planPingDurations(pings: readonly DurationPing[]): DurationPlan {
  const ascending = [...pings].sort((a, b) => a.n - b.n);
  const oldestAt = ascending[0]?.createdAt ?? 0;
  // A rid mapped to null has been seen, but its last signal was a completion: nothing pending.
  const pendingStart = new Map<string | null, number | null>();
  const durationsMs = new Map<number, number>();
  const lookups: DurationPing[] = [];
  let fallbacks = 0;
  for (const ping of ascending) {
    if (ping.kind === 'start') {
      pendingStart.set(ping.rid, ping.createdAt);
      continue;
    }
    if (!completes(ping.kind)) continue;
    const start = pendingStart.get(ping.rid);
    if (start !== undefined) {
      if (start !== null && ping.createdAt - start < MAX_DURATION_MS) durationsMs.set(ping.n, ping.createdAt - start);
    } else if (ping.createdAt - oldestAt < MAX_DURATION_MS) {
      // Counted even for n = 1, whose answer is known without a query: the threshold is
      // Healthchecks' count of misses, and matching it keeps the same pings listing durations.
      fallbacks += 1;
      if (ping.n !== 1) lookups.push(ping);
    }
    pendingStart.set(ping.rid, null);
  }
  if (fallbacks > MAX_FALLBACKS) return { omitted: true };
  return { omitted: false, durationsMs, lookups };
}

/** A looked-up completion's duration: only when the previous signal of its run was a start. */
export function durationFromPrevious(ping: DurationPing, previous: PreviousRunSignal | undefined): number | undefined {
  if (ping.n === 1 || !previous || previous.kind !== 'start') return undefined;
  const elapsed = ping.createdAt - previous.createdAt;
  return elapsed <= MAX_DURATION_MS ? elapsed : undefined;
}

/** Every known duration by ping `n`: the plan's own, plus those its lookups found. */
export function pingDurations(
  plan: DurationPlan,
  previousSignals: ReadonlyMap<number, PreviousRunSignal | undefined>,
): Map<number, number> {
  if (plan.omitted) return new Map();
  const durationsMs = new Map(plan.durationsMs);
  for (const ping of plan.lookups) {
    const elapsed = durationFromPrevious(ping, previousSignals.get(ping.n));
    if (elapsed !== undefined) durationsMs.set(ping.n, elapsed);
  }
  return durationsMs;
}
