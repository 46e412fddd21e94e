import { sql } from 'kysely';
import type { Store } from './open-store.js';

/**
 * 1/6 taken six times from 1.0 leaves a hair above zero, 1/20 twenty times a hair below:
 * without slack a capacity of 20 would allow only 19.
 */
const ROUNDING_SLACK = 1e-9;

/**
 * Takes one token from the bucket `key` (spec §1.9): a bucket holds up to 1.0, starts full,
 * refills linearly by elapsed/period, and each call costs 1/capacity; a call that would take
 * it below zero is refused and changes nothing. Returns whether the call was allowed.
 *
 * One statement, so it is atomic across processes: PostgreSQL's ON CONFLICT DO UPDATE locks
 * the row and re-reads it before the WHERE decides, so two callers can never both take the
 * last token; on SQLite the statement holds the write lock.
 */
export async function tryConsumeToken(
  store: Store,
  key: string,
  capacity: number,
  periodMs: number,
  now: number,
): Promise<boolean> {
  const real = store.dialect === 'postgres' ? sql.raw('double precision') : sql.raw('real');
  const num = (value: number) => sql`cast(${value} as ${real})`;
  const cost = num(1 / capacity);
  // A clock that stepped back refills nothing rather than draining the bucket.
  const elapsed = sql`(case when ${num(now)} > token_buckets.updated_at then ${num(now)} - token_buckets.updated_at else 0 end)`;
  const topped = sql`(token_buckets.tokens + ${elapsed} / ${num(periodMs)})`;
  const refilled = sql`(case when ${topped} > 1.0 then 1.0 else ${topped} end)`;
  const result = await sql<{ tokens: number }>`
    insert into token_buckets (key, tokens, updated_at) values (${key}, ${num(1 - 1 / capacity)}, ${now})
    on conflict (key) do update set tokens = ${refilled} - ${cost}, updated_at = ${now}
    where ${refilled} - ${cost} > ${num(-ROUNDING_SLACK)}
    returning tokens`.execute(store.db);
  return result.rows.length === 1;
}

/**
 * Deletes the buckets last changed before the instant `olderThanMs` (epoch ms; the maintenance
 * job passes now - 1 day, spec §1.9). Nothing is lost: a missing bucket is a full one.
 */
export async function pruneTokenBuckets(store: Store, olderThanMs: number): Promise<number> {
  const result = await store.db.deleteFrom('token_buckets').where('updated_at', '<', olderThanMs).executeTakeFirst();
  return Number(result.numDeletedRows);
}
