import type pg from 'pg';
import type { Store } from './open-store.js';
import { CheckStateCache } from './check-state-cache.js';
import type { Decide, PendingPing, PingResult, PingTarget } from './ping-batch.js';
import { planGroup } from './ping-group-plan.js';
import {
  LOCK_IDS,
  READ_TARGETS,
  readTargetsParams,
  targetLookup,
  WRITE_GROUP,
  writeGroupParams,
  type TargetRow,
} from './ping-group-pg-sql.js';

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;
interface Indexed<P> {
  item: PendingPing<P>;
  index: number;
}

/** Optimistic rounds before a group's remaining pings take row locks instead. */
const OPTIMISTIC_ROUNDS = 3;

const caches = new WeakMap<pg.Pool, CheckStateCache>();
function cacheOf(pool: pg.Pool): CheckStateCache {
  let cache = caches.get(pool);
  if (!cache) caches.set(pool, (cache = new CheckStateCache()));
  return cache;
}

/**
 * Decides every ping on the checks' known state (cached, or read in one round trip) and writes
 * the group with one compare-and-set statement. The plan's states go into the cache before the
 * write, so the next group can be planned while this one commits. Returns the pings whose check
 * changed under us (another node, the detector, an edit), to be retried on fresh state.
 */
async function optimisticRound<P, R extends string>(
  db: Queryable,
  cache: CheckStateCache | null,
  pending: Indexed<P>[],
  decide: Decide<P, R>,
  results: PingResult<R>[],
): Promise<Indexed<P>[]> {
  const items = pending.map((p) => p.item);
  const codeOf = new Map<number, string>();
  const cached = (target: PingTarget) => ('code' in target ? cache?.get(target.code) : undefined);
  const misses = items.filter((item) => !cached(item.target));
  let readLookup: ReturnType<typeof targetLookup> = () => undefined;
  if (misses.length > 0) {
    const read = await db.query<TargetRow>({
      name: 'wp_read_targets',
      text: READ_TARGETS,
      values: readTargetsParams(misses),
    });
    for (const row of read.rows) codeOf.set(Number(row.id), row.code);
    readLookup = targetLookup(read.rows);
  }
  const lookup = (target: PingTarget) => {
    const hit = cached(target);
    if (hit && 'code' in target) codeOf.set(hit.id, target.code);
    return hit ?? readLookup(target);
  };
  const plan = planGroup(items, lookup, decide);
  for (const [id, { read, next }] of plan.changed) cache?.set(codeOf.get(id)!, { ...next, version: read.version + 1 });
  const written = new Set<number>();
  if (plan.changed.size > 0) {
    try {
      const res = await db.query<{ id: number }>({ name: 'wp_write_group', text: WRITE_GROUP, values: writeGroupParams(plan) });
      for (const row of res.rows) written.add(Number(row.id));
    } catch (error) {
      cache?.clear(); // the write may or may not have committed: trust nothing we guessed
      throw error;
    }
  }
  for (const id of plan.changed.keys()) if (!written.has(id)) cache?.delete(codeOf.get(id)!);
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
    // Under the locks the rows can't move: plan on what was just read, not on the cache.
    const retry = await optimisticRound(client, null, pending, decide, results);
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
      pending = await optimisticRound(pool, cacheOf(pool), pending, decide, results);
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
