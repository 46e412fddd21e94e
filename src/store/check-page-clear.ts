import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * "Clear events" (spec §12): the check back to `new` with no history, its pings, notifications
 * and flips deleted, `n_pings` kept (so ping numbers never repeat). The version bump makes a
 * ping planned on the old state retry on the new one.
 */
export async function clearCheckEvents(db: Kysely<Database>, checkId: number): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('checks')
      .set((eb) => ({
        status: 'new',
        last_ping_at: null,
        last_start_at: null,
        last_start_rid: null,
        last_duration_ms: null,
        alert_after: null,
        has_confirmation_link: 0,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', checkId)
      .execute();
    await tx.deleteFrom('notifications').where('check_id', '=', checkId).execute();
    await tx.deleteFrom('flips').where('check_id', '=', checkId).execute();
    await tx.deleteFrom('pings').where('check_id', '=', checkId).execute();
  });
}
