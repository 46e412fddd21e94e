import type { CompiledQuery, Kysely } from 'kysely';
import type { StoredStatus } from '../domain/check.js';
import { ifOneRowChanged } from './atomic.js';
import type { Store } from './open-store.js';
import type { Database } from './schema.js';

export interface PendingFlip {
  id: number;
  checkId: number;
  at: number;
  oldStatus: StoredStatus;
  newStatus: StoredStatus;
  reason: '' | 'timeout' | 'fail';
}

export interface AssignedChannel {
  id: number;
  kind: string;
  value: string;
  lastNotifyDurationMs: number | null;
}

/** The oldest flips nobody has claimed yet (index flips_unprocessed). */
export async function oldestUnprocessedFlips(db: Kysely<Database>, limit: number): Promise<PendingFlip[]> {
  const rows = await db
    .selectFrom('flips')
    .select(['id', 'check_id', 'created_at', 'old_status', 'new_status', 'reason'])
    .where('processed_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    checkId: Number(r.check_id),
    at: r.created_at,
    oldStatus: r.old_status as StoredStatus,
    newStatus: r.new_status as StoredStatus,
    reason: r.reason as PendingFlip['reason'],
  }));
}

/**
 * A check's enabled channels, fastest first and never-notified last (spec §8.3): the order
 * their notifications are queued in.
 */
export async function enabledChannelsOfCheck(db: Kysely<Database>, checkId: number): Promise<AssignedChannel[]> {
  const rows = await db
    .selectFrom('checks_channels')
    .innerJoin('channels', 'channels.id', 'checks_channels.channel_id')
    .select(['channels.id', 'channels.kind', 'channels.value', 'channels.last_notify_duration_ms'])
    .where('checks_channels.check_id', '=', checkId)
    .where('channels.disabled', '=', 0)
    .execute();
  return fastestFirst(rows);
}

/** A Cloud flip notifies every enabled integration of the project (DESIGN.md), in the same order. */
export async function enabledChannelsOfProject(db: Kysely<Database>, projectId: number): Promise<AssignedChannel[]> {
  const rows = await db
    .selectFrom('channels')
    .select(['id', 'kind', 'value', 'last_notify_duration_ms'])
    .where('project_id', '=', projectId)
    .where('disabled', '=', 0)
    .execute();
  return fastestFirst(rows);
}

type ChannelRow = { id: number | string; kind: string; value: string; last_notify_duration_ms: number | null };

function fastestFirst(rows: ChannelRow[]): AssignedChannel[] {
  const channels = rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    value: r.value,
    lastNotifyDurationMs: r.last_notify_duration_ms,
  }));
  return channels.sort((a, b) => (a.lastNotifyDurationMs ?? Infinity) - (b.lastNotifyDurationMs ?? Infinity) || a.id - b.id);
}

export interface QueuedNotification {
  code: string;
  channelId: number;
  checkStatus: 'up' | 'down';
}

/** What a notification comes from: a heartbeat check's flip, or a Cloud flip. */
export type NotificationSource = { check_id: number; flip_id: number } | { cloud_flip_id: number };

/** A queued notification's row, due at once; runs in the transaction that claims its flip. */
export function notificationInsert(
  db: Kysely<Database>,
  n: QueuedNotification,
  source: NotificationSource,
  now: number,
): CompiledQuery {
  return db
    .insertInto('notifications')
    .values({
      code: n.code,
      channel_id: n.channelId,
      ...source,
      check_status: n.checkStatus,
      created_at: now,
      status: 'pending',
      // equal instants: senders then take them by id, which is the fastest-first order
      next_attempt_at: now,
    })
    .compile();
}

/**
 * Claims a flip and queues its notifications in one transaction (spec §8.3 step 3, DESIGN.md
 * rule 4): the claim is a compare-and-set on `processed_at`, so of several processes exactly one
 * queues them, and a crash can't leave a flip claimed without its notifications.
 */
export function claimFlip(store: Store, flip: PendingFlip, now: number, queue: QueuedNotification[]): Promise<boolean> {
  const guard = store.db
    .updateTable('flips')
    .set({ processed_at: now })
    .where('id', '=', flip.id)
    .where('processed_at', 'is', null)
    .compile();
  const inserts = queue.map((n) => notificationInsert(store.db, n, { check_id: flip.checkId, flip_id: flip.id }, now));
  return ifOneRowChanged(store, guard, inserts);
}
