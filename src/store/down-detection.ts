import type { Kysely } from 'kysely';
import type { FlipFacts } from '../domain/apply-ping.js';
import type { CheckState } from '../domain/check.js';
import { ifOneRowChanged } from './atomic.js';
import { CHECK_STATE_COLUMNS, toCheckState } from './check-rows.js';
import type { Store } from './open-store.js';
import type { Database } from './schema.js';

/** The earliest deadline of any check (index checks_alert_after; down checks have none). */
export async function earliestAlertAfter(db: Kysely<Database>): Promise<number | null> {
  const row = await db
    .selectFrom('checks')
    .select('alert_after')
    .where('alert_after', 'is not', null)
    .orderBy('alert_after')
    .limit(1)
    .executeTakeFirst();
  return row?.alert_after ?? null;
}

export async function findDueChecks(db: Kysely<Database>, now: number, limit: number): Promise<CheckState[]> {
  const rows = await db
    .selectFrom('checks')
    .select(CHECK_STATE_COLUMNS)
    .where('alert_after', 'is not', null)
    .where('alert_after', '<=', now)
    .orderBy('alert_after')
    .limit(limit)
    .execute();
  return rows.map(toCheckState);
}

/**
 * Compare-and-set: only if nothing touched the check since it was read (a ping bumps n_pings,
 * an edit or another detector changes alert_after or status). Returns whether this call won.
 */
function unchangedSince(read: CheckState) {
  return { id: read.id, status: read.status, n_pings: read.nPings, alert_after: read.alertAfter };
}

export async function markDownIfUnchanged(store: Store, read: CheckState, flip: FlipFacts): Promise<boolean> {
  const was = unchangedSince(read);
  const guard = store.db
    .updateTable('checks')
    .set({ status: 'down', alert_after: null })
    .where('id', '=', was.id)
    .where('status', '=', was.status)
    .where('n_pings', '=', was.n_pings)
    .where('alert_after', '=', was.alert_after!)
    .compile();
  const insertFlip = store.db
    .insertInto('flips')
    .values({
      check_id: read.id,
      created_at: flip.at,
      processed_at: null,
      old_status: flip.oldStatus,
      new_status: flip.newStatus,
      reason: flip.reason,
    })
    .compile();
  return ifOneRowChanged(store, guard, [insertFlip]);
}

export async function rescheduleIfUnchanged(db: Kysely<Database>, read: CheckState, alertAfter: number | null): Promise<boolean> {
  const was = unchangedSince(read);
  const result = await db
    .updateTable('checks')
    .set({ alert_after: alertAfter })
    .where('id', '=', was.id)
    .where('status', '=', was.status)
    .where('n_pings', '=', was.n_pings)
    .where('alert_after', '=', was.alert_after!)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
