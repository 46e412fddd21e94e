import type pg from 'pg';
import type { Store } from './open-store.js';
import type { Decide, PendingPing, PingResult } from './ping-batch.js';
import { planGroup } from './ping-group-plan.js';
import { LOCK_IDS, READ_TARGETS, readTargetsParams, targetLookup, WRITE_GROUP, writeGroupParams } from './ping-group-pg-sql.js';

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;
interface Indexed<P> {
  item: PendingPing<P>;
  index: number;
}

/** Optimistic rounds before a group's remaining pings take row locks instead. */
const OPTIMISTIC_ROUNDS = 3;

/**
 * Reads the targets, decides every ping, and writes the group with one compare-and-set
 * statement: two round trips and no transaction held open while JavaScript decides. Returns
 * the pings whose check changed under us (another node's ping, the detector), to be retried.
 */
async function optimisticRound<P, R extends string>(
  db: Queryable,
  pending: Indexed<P>[],
  decide: Decide<P, R>,
  results: PingResult<R>[],
): Promise<Indexed<P>[]> {
  const items = pending.map((p) => p.item);
  const read = await db.query({ name: 'wp_read_targets', text: READ_TARGETS, values: readTargetsParams(items) });
  const plan = planGroup(items, targetLookup(read.rows), decide);
  const written = new Set<number>();
  if (plan.changed.size > 0) {
    const res = await db.query<{ id: number }>({ name: 'wp_write_group', text: WRITE_GROUP, values: writeGroupParams(plan) });
    for (const row of res.rows) written.add(Number(row.id));
  }
  const retry: Indexed<P>[] = [];
  plan.results.forEach((result, i) => {
    if (result.ok && !written.has(result.checkId)) retry.push(pending[i]!);
    else results[pending[i]!.index] = result;
  });
  return retry;
}

/** The contended case: lock the rows (in id order), read them fresh, write, commit. */
async function lockedRound<P, R extends string>(
  pool: pg.Pool,
  pending: Indexed<P>[],
  decide: Decide<P, R>,
  results: PingResult<R>[],
): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const items = pending.map((p) => p.item);
    const first = await client.query({ name: 'wp_read_targets', text: READ_TARGETS, values: readTargetsParams(items) });
    await client.query({ name: 'wp_lock_ids', text: LOCK_IDS, values: [first.rows.map((r: { id: number }) => r.id)] });
    const retry = await optimisticRound(client, pending, decide, results);
    await client.query('COMMIT');
    // Only a check renamed or re-slugged between the two reads can land here.
    for (const p of retry) results[p.index] = { ok: false, error: 'unavailable', cause: new Error('check changed while locked') };
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * PostgreSQL: optimistic rounds, then row locks for what still conflicts, so a hot check shared
 * by several nodes always makes progress. A failed statement writes nothing (each write is one
 * statement); its pings are retried one at a time, as PERFORMANCE.md asks, and what still fails
 * is reported `unavailable`.
 */
export async function commitPingBatchPg<P, R extends string>(
  store: Store,
  items: readonly PendingPing<P>[],
  decide: Decide<P, R>,
  optimisticRounds = OPTIMISTIC_ROUNDS,
): Promise<PingResult<R>[]> {
  const pool = store.pool!;
  const results: PingResult<R>[] = new Array<PingResult<R>>(items.length);
  let pending: Indexed<P>[] = items.map((item, index) => ({ item, index }));
  try {
    for (let round = 0; round < optimisticRounds && pending.length > 0; round++) {
      pending = await optimisticRound(pool, pending, decide, results);
    }
    if (pending.length > 0) await lockedRound(pool, pending, decide, results);
  } catch (cause) {
    if (pending.length === 1) {
      results[pending[0]!.index] = { ok: false, error: 'unavailable', cause };
    } else {
      for (const p of pending) results[p.index] = (await commitPingBatchPg(store, [p.item], decide, optimisticRounds))[0]!;
    }
  }
  return results;
}
