import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** The self-hosted default of `sms_limit`/`call_limit` (spec §1.2: payments disabled). */
export const DEFAULT_MONTHLY_LIMIT = 10_000;

const COLUMNS = {
  sms: { sent: 'sms_sent', last: 'last_sms_at', limit: 'sms_limit' },
  call: { sent: 'calls_sent', last: 'last_call_at', limit: 'call_limit' },
} as const;

/**
 * Counts one message against the project owner's monthly limit, atomically: one conditional
 * UPDATE, so concurrent senders can't overdraw it. The counter restarts when the previous
 * send was before `monthStartMs` (spec §1.2). False when the limit is used up.
 */
export async function consumeMonthlyQuota(
  db: Kysely<Database>,
  projectId: number,
  kind: 'sms' | 'call',
  now: number,
  monthStartMs: number,
): Promise<boolean> {
  const c = COLUMNS[kind];
  const stale = sql<boolean>`(${sql.ref(c.last)} IS NULL OR ${sql.ref(c.last)} < ${monthStartMs})`;
  const result = await db
    .updateTable('users')
    .set({
      [c.sent]: sql`CASE WHEN ${stale} THEN 1 ELSE ${sql.ref(c.sent)} + 1 END`,
      [c.last]: now,
    })
    .where('id', '=', (eb) => eb.selectFrom('projects').select('owner_id').where('id', '=', projectId))
    .where(sql<boolean>`(${stale} OR ${sql.ref(c.sent)} < COALESCE(${sql.ref(c.limit)}, ${DEFAULT_MONTHLY_LIMIT}))`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
