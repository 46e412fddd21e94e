import type { CompiledQuery, Kysely } from 'kysely';
import type { CloudFlipStatus } from '../domain/cloud-status.js';
import { ifOneRowChanged } from './atomic.js';
import { notificationInsert, type QueuedNotification } from './flip-queue.js';
import type { Store } from './open-store.js';
import type { Database } from './schema.js';

/**
 * Flips of the Cloud resources: a check's settled result changed (ok↔failed, or its first one),
 * or a core instance stopped pinging or came back. Statuses are in the heartbeat vocabulary
 * ('new' | 'up' | 'down') so the alert pipeline applies one rule to both kinds of flip.
 */

export type CloudSubject = { cloudCheckId: string } | { coreInstanceId: string };

export interface NewCloudFlip {
  projectId: number;
  subject: CloudSubject;
  at: number;
  oldStatus: CloudFlipStatus;
  newStatus: CloudFlipStatus;
  reason: string;
}

export interface CloudFlip extends NewCloudFlip {
  id: number;
}

/** The flip's insert, to run inside the compare-and-set that changed the status. */
export function cloudFlipInsert(db: Kysely<Database>, flip: NewCloudFlip): CompiledQuery {
  return db
    .insertInto('cloud_flips')
    .values({
      project_id: flip.projectId,
      cloud_check_id: 'cloudCheckId' in flip.subject ? flip.subject.cloudCheckId : null,
      core_instance_id: 'coreInstanceId' in flip.subject ? flip.subject.coreInstanceId : null,
      created_at: flip.at,
      old_status: flip.oldStatus,
      new_status: flip.newStatus,
      reason: flip.reason.slice(0, 500),
    })
    .compile();
}

type FlipRow = {
  id: number | string;
  project_id: number | string;
  cloud_check_id: string | null;
  core_instance_id: string | null;
  created_at: number | string;
  old_status: string;
  new_status: string;
  reason: string;
};

const toFlip = (r: FlipRow): CloudFlip => ({
  id: Number(r.id),
  projectId: Number(r.project_id),
  subject: r.cloud_check_id !== null ? { cloudCheckId: r.cloud_check_id } : { coreInstanceId: r.core_instance_id ?? '' },
  at: Number(r.created_at),
  oldStatus: r.old_status as CloudFlipStatus,
  newStatus: r.new_status as CloudFlipStatus,
  reason: r.reason,
});

const FLIP_COLUMNS = [
  'id',
  'project_id',
  'cloud_check_id',
  'core_instance_id',
  'created_at',
  'old_status',
  'new_status',
  'reason',
] as const;

/** The oldest flips nobody has claimed yet (index cloud_flips_unprocessed). */
export async function oldestUnprocessedCloudFlips(db: Kysely<Database>, limit: number): Promise<CloudFlip[]> {
  const rows = await db
    .selectFrom('cloud_flips')
    .select(FLIP_COLUMNS)
    .where('processed_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toFlip);
}

export async function findCloudFlip(db: Kysely<Database>, id: number): Promise<CloudFlip | undefined> {
  const row = await db.selectFrom('cloud_flips').select(FLIP_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row && toFlip(row);
}

/** The subject's flip before this one (indexes cloud_flips_check / cloud_flips_core). */
export async function previousCloudFlip(db: Kysely<Database>, flip: CloudFlip): Promise<CloudFlip | undefined> {
  const row = await db
    .selectFrom('cloud_flips')
    .select(FLIP_COLUMNS)
    .where(
      'cloudCheckId' in flip.subject ? 'cloud_check_id' : 'core_instance_id',
      '=',
      'cloudCheckId' in flip.subject ? flip.subject.cloudCheckId : flip.subject.coreInstanceId,
    )
    .where('id', '<', flip.id)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && toFlip(row);
}

/**
 * Claims a Cloud flip and queues its notifications in one transaction, exactly like a heartbeat
 * flip (claimFlip): of several processes one queues them, and never half of them.
 */
export function claimCloudFlip(store: Store, flip: CloudFlip, now: number, queue: QueuedNotification[]): Promise<boolean> {
  const guard = store.db
    .updateTable('cloud_flips')
    .set({ processed_at: now })
    .where('id', '=', flip.id)
    .where('processed_at', 'is', null)
    .compile();
  const inserts = queue.map((n) => notificationInsert(store.db, n, { cloud_flip_id: flip.id }, now));
  return ifOneRowChanged(store, guard, inserts);
}

/**
 * Processed Cloud flips created before `before`, with their notifications (the foreign key
 * cascades): Cloud checks have no ping log to prune them with, as heartbeat flips are (spec §3.9).
 */
export async function pruneOldCloudFlips(db: Kysely<Database>, before: number): Promise<number> {
  const result = await db
    .deleteFrom('cloud_flips')
    .where('created_at', '<', before)
    .where('processed_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
