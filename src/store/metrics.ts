import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** What `GET /api/vN/metrics/` reports (spec §4.20): how far pings and deliveries have got. */
export interface OperationalCounts {
  maxPingId: number | null;
  maxNotificationId: number | null;
  unprocessedFlips: number;
}

/** One round trip: max(id) reads the primary keys' ends; the count uses flips_unprocessed. */
export async function operationalCounts(db: Kysely<Database>): Promise<OperationalCounts> {
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('pings')
        .select((s) => s.fn.max('id').as('m'))
        .as('max_ping_id'),
      eb
        .selectFrom('notifications')
        .select((s) => s.fn.max('id').as('m'))
        .as('max_notification_id'),
      eb
        .selectFrom('flips')
        .where('processed_at', 'is', null)
        .select((s) => s.fn.countAll().as('n'))
        .as('unprocessed_flips'),
    ])
    .executeTakeFirstOrThrow();
  const asNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    maxPingId: asNumber(row.max_ping_id),
    maxNotificationId: asNumber(row.max_notification_id),
    unprocessedFlips: asNumber(row.unprocessed_flips) ?? 0,
  };
}
