import type { FlipFacts } from '../domain/apply-ping.js';
import type { CheckState } from '../domain/check.js';
import type { Decide, PendingPing, PingResult, PingRowFields, PingTarget } from './ping-batch.js';

export interface PlannedPing {
  checkId: number;
  n: number;
  kind: string;
  row: PingRowFields;
}

/** A group's decisions, before anything is written. */
export interface GroupPlan<R extends string> {
  results: PingResult<R>[];
  /** Per check: the state as read (the compare-and-set guard) and as it must be written. */
  changed: Map<number, { read: CheckState; next: CheckState }>;
  pings: PlannedPing[];
  flips: Array<{ checkId: number; flip: FlipFacts }>;
}

/**
 * Decides every ping of a group in arrival order, each against the state the earlier pings of
 * the group left (several pings of one check chain).
 */
export function planGroup<P, R extends string>(
  items: readonly PendingPing<P>[],
  lookup: (target: PingTarget) => CheckState | 'ambiguous' | undefined,
  decide: Decide<P, R>,
): GroupPlan<R> {
  const changed = new Map<number, { read: CheckState; next: CheckState }>();
  const pings: PlannedPing[] = [];
  const flips: Array<{ checkId: number; flip: FlipFacts }> = [];
  const results = items.map(({ target, payload }): PingResult<R> => {
    const found = lookup(target);
    if (found === 'ambiguous') return { ok: false, error: 'ambiguous' };
    if (!found) return { ok: false, error: 'not_found' };
    const entry = changed.get(found.id);
    const decision = decide(entry?.next ?? found, payload);
    if ('reject' in decision) return { ok: false, error: decision.reject };
    const { outcome, row } = decision;
    changed.set(found.id, { read: entry?.read ?? found, next: outcome.check });
    pings.push({ checkId: found.id, n: outcome.n, kind: outcome.kind, row });
    if (outcome.flip) flips.push({ checkId: found.id, flip: outcome.flip });
    return { ok: true, checkId: found.id, n: outcome.n, alertAfter: outcome.check.alertAfter, flip: outcome.flip };
  });
  return { results, changed, pings, flips };
}
