import type { CheckState } from '../domain/check.js';
import type { FlipFacts, PingOutcome } from '../domain/apply-ping.js';
import type { Store } from './open-store.js';
import { commitPingBatchPg } from './ping-batch-pg.js';
import { commitPingBatchSqlite } from './ping-batch-sqlite.js';

export type PingTarget = { code: string } | { pingKey: string; slug: string };

/** A ping row as stored, minus what the outcome decides (`n`, `kind`, the check). */
export interface PingRowFields {
  createdAt: number;
  scheme: string;
  remoteAddr: string | null;
  method: string;
  ua: string;
  body: Uint8Array | null;
  exitStatus: number | null;
  rid: string | null;
}

/** The use-case's verdict on one ping, taken inside the transaction with the row locked. */
export type PingDecision<R extends string> = { reject: R } | { outcome: PingOutcome; row: PingRowFields };

export type Decide<P, R extends string> = (check: CheckState, payload: P) => PingDecision<R>;

export interface PendingPing<P> {
  target: PingTarget;
  payload: P;
}

export type PingResult<R extends string> =
  | { ok: true; checkId: number; n: number; alertAfter: number | null; flip: FlipFacts | null }
  | { ok: false; error: R | 'not_found' | 'ambiguous' }
  /** The transaction failed (database unreachable, disk full…): nothing of this ping was kept. */
  | { ok: false; error: 'unavailable'; cause: unknown };

/**
 * Records a group of pings in one transaction: each is decided against the check's current
 * state (earlier pings of the same group included), then all changes commit together, so one
 * fsync acknowledges the whole group. A failed group is retried one ping at a time, so
 * one bad item cannot sink its neighbours; what still fails is reported `unavailable`.
 */
export function commitPingBatch<P, R extends string>(
  store: Store,
  items: readonly PendingPing<P>[],
  decide: Decide<P, R>,
  /** PostgreSQL only: lock-free attempts before taking row locks (tests set 0 to take locks). */
  options: { optimisticRounds?: number } = {},
): Promise<PingResult<R>[]> {
  return store.dialect === 'sqlite'
    ? commitPingBatchSqlite(store, items, decide)
    : commitPingBatchPg(store, items, decide, options.optimisticRounds);
}
