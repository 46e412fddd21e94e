import type { Kysely } from 'kysely';
import { coreInstanceFlipStatus } from '../domain/cloud-status.js';
import { ifOneRowChanged } from './atomic.js';
import { cloudFlipInsert } from './cloud-flips.js';
import type { Store } from './open-store.js';
import type { Database } from './schema.js';

/** A core instance's heartbeat status as alerts know it: 'waiting' | 'running' | 'unreachable'. */
export type HeartbeatStatus = 'waiting' | 'running' | 'unreachable';

export interface SilentCoreInstance {
  id: string;
  projectId: number;
  lastPingAt: number;
}

/** Running core instances whose last ping is at or before `pingedBefore` (index core_instances_alive). */
export async function silentCoreInstances(
  db: Kysely<Database>,
  pingedBefore: number,
  limit: number,
): Promise<SilentCoreInstance[]> {
  const rows = await db
    .selectFrom('core_instances')
    .select(['id', 'project_id', 'last_ping_at'])
    .where('alert_status', '=', 'running')
    .where('last_ping_at', '<=', pingedBefore)
    .orderBy('last_ping_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, projectId: Number(r.project_id), lastPingAt: Number(r.last_ping_at) }));
}

/**
 * Moves the alert status from `from` to `to` and records the flip, in one transaction, only if
 * it is still `from` (and, with `lastPingAt`, no ping arrived since it was read): of several
 * nodes exactly one records the flip.
 */
export function moveHeartbeatStatus(
  store: Store,
  instance: { id: string; projectId: number; lastPingAt?: number },
  from: HeartbeatStatus,
  to: HeartbeatStatus,
  now: number,
  reason: string,
): Promise<boolean> {
  let guard = store.db
    .updateTable('core_instances')
    .set({ alert_status: to })
    .where('id', '=', instance.id)
    .where('alert_status', '=', from);
  if (instance.lastPingAt !== undefined) guard = guard.where('last_ping_at', '=', instance.lastPingAt);
  const flip = cloudFlipInsert(store.db, {
    projectId: instance.projectId,
    subject: { coreInstanceId: instance.id },
    at: now,
    oldStatus: coreInstanceFlipStatus(from),
    newStatus: coreInstanceFlipStatus(to),
    reason,
  });
  return ifOneRowChanged(store, guard.compile(), [flip]);
}
