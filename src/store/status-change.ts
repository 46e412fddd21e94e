import type { FlipReason } from '../domain/apply-ping.js';
import type { StoredStatus } from '../domain/check.js';
import { ifOneRowChanged } from './atomic.js';
import type { Store } from './open-store.js';

/**
 * A status change that is not a ping's (the detector, pause, resume) and its flip, atomically,
 * and only if nothing wrote the check since it was read (its version is unchanged). The deadline
 * always goes: a down, paused or new check has none.
 */
export async function changeStatusIfVersion(
  store: Store,
  read: { id: number; version: number },
  change: { status: StoredStatus; clearRun: boolean; clearLastPing: boolean },
  flip: { at: number; oldStatus: StoredStatus; reason: FlipReason; processed: boolean },
): Promise<boolean> {
  const guard = store.db
    .updateTable('checks')
    .set((eb) => ({
      status: change.status,
      alert_after: null,
      version: eb('version', '+', 1),
      ...(change.clearRun ? { last_start_at: null } : {}),
      ...(change.clearLastPing ? { last_ping_at: null } : {}),
    }))
    .where('id', '=', read.id)
    .where('version', '=', read.version)
    .compile();
  const insertFlip = store.db
    .insertInto('flips')
    .values({
      check_id: read.id,
      created_at: flip.at,
      // Pause and resume notify nobody: their flips are recorded already processed.
      processed_at: flip.processed ? flip.at : null,
      old_status: flip.oldStatus,
      new_status: change.status,
      reason: flip.reason,
    })
    .compile();
  return ifOneRowChanged(store, guard, [insertFlip]);
}
