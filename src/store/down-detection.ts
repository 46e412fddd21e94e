import type { Kysely } from 'kysely';
import type { FlipFacts } from '../domain/apply-ping.js';
import type { CheckState } from '../domain/check.js';
import { CHECK_STATE_COLUMNS, toCheckState } from './check-rows.js';
import type { Store } from './open-store.js';
import { changeStatusIfVersion } from './status-change.js';
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
 * Compare-and-set on the row version: only if nothing wrote the check since it was read (a
 * ping, an edit, another detector). Returns whether this call won.
 */
export function markDownIfUnchanged(store: Store, read: CheckState, flip: FlipFacts): Promise<boolean> {
  return changeStatusIfVersion(
    store,
    read,
    { status: flip.newStatus, clearRun: false, clearLastPing: false },
    { ...flip, processed: false },
  );
}

export async function rescheduleIfUnchanged(db: Kysely<Database>, read: CheckState, alertAfter: number | null): Promise<boolean> {
  const result = await db
    .updateTable('checks')
    .set((eb) => ({ alert_after: alertAfter, version: eb('version', '+', 1) }))
    .where('id', '=', read.id)
    .where('version', '=', read.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
