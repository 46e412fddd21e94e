import type { Kysely } from 'kysely';
import { ifOneRowChanged } from './atomic.js';
import type { Store } from './open-store.js';
import type { Database } from './schema.js';

/**
 * The outbox of spec §8.3/§9.1 (DESIGN.md rule 4). A notification is `pending` until a sender
 * claims it (`sending`, with a lease), then `sent` or `failed`; a transient failure puts it back
 * to `pending` with a later `next_attempt_at`. A claimed row keeps `next_attempt_at` equal to
 * its lease, so "due" is one indexed condition for both new work and the work of a dead sender.
 */

export interface ClaimedNotification {
  id: number;
  code: string;
  checkId: number | null;
  flipId: number | null;
  /** Set instead of `checkId`/`flipId` for a Cloud check's or core instance's flip. */
  cloudFlipId: number | null;
  checkStatus: 'up' | 'down';
  attempts: number;
  createdAt: number;
  /** The claim token: recording the outcome succeeds only while it is still ours. */
  leaseUntil: number;
  channel: { id: number; code: string; name: string; kind: string; value: string; projectId: number; emailVerified: boolean };
}

const DUE_STATUSES = ['pending', 'sending'] as const;

/** The earliest instant any notification becomes due (index notifications_due); null when idle. */
export async function earliestDueNotification(db: Kysely<Database>): Promise<number | null> {
  const row = await db
    .selectFrom('notifications')
    .select('next_attempt_at')
    .where('status', 'in', DUE_STATUSES)
    .orderBy('next_attempt_at')
    .limit(1)
    .executeTakeFirst();
  return row?.next_attempt_at ?? null;
}

/**
 * Claims the oldest due notification for `leaseMs`, or returns null. One statement, so two
 * senders can never both win a row; on PostgreSQL, SKIP LOCKED makes concurrent senders pick
 * different rows instead of queueing behind one.
 */
export async function claimDueNotification(store: Store, now: number, leaseMs: number): Promise<ClaimedNotification | null> {
  const leaseUntil = now + leaseMs;
  let pick = store.db
    .selectFrom('notifications')
    .select('id')
    .where('status', 'in', DUE_STATUSES)
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(1);
  if (store.dialect === 'postgres') pick = pick.forUpdate().skipLocked();
  const claimed = await store.db
    .updateTable('notifications')
    .set((eb) => ({
      status: 'sending',
      lease_until: leaseUntil,
      next_attempt_at: leaseUntil,
      claimed_at: now,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', (eb) => eb.selectFrom(pick.as('due')).select('due.id'))
    .where('status', 'in', DUE_STATUSES)
    .where('next_attempt_at', '<=', now)
    .returning(['id', 'code', 'check_id', 'flip_id', 'cloud_flip_id', 'check_status', 'attempts', 'created_at', 'channel_id'])
    .executeTakeFirst();
  if (!claimed) return null;
  const channel = await store.db
    .selectFrom('channels')
    .select(['id', 'code', 'name', 'kind', 'value', 'project_id', 'email_verified'])
    .where('id', '=', claimed.channel_id)
    .executeTakeFirst();
  if (!channel) return null; // deleted meanwhile: the cascade took the notification with it
  return {
    id: Number(claimed.id),
    code: claimed.code,
    checkId: claimed.check_id === null ? null : Number(claimed.check_id),
    flipId: claimed.flip_id === null ? null : Number(claimed.flip_id),
    cloudFlipId: claimed.cloud_flip_id === null ? null : Number(claimed.cloud_flip_id),
    checkStatus: claimed.check_status === 'up' ? 'up' : 'down',
    attempts: claimed.attempts,
    createdAt: claimed.created_at,
    leaseUntil,
    channel: {
      id: Number(channel.id),
      code: channel.code,
      name: channel.name,
      kind: channel.kind,
      value: channel.value,
      projectId: Number(channel.project_id),
      emailVerified: channel.email_verified === 1,
    },
  };
}

/** Extends a live claim (a slow delivery is not a dead sender); false if it is no longer ours. */
export async function renewLease(db: Kysely<Database>, claim: ClaimedNotification, leaseUntil: number): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ lease_until: leaseUntil, next_attempt_at: leaseUntil })
    .where('id', '=', claim.id)
    .where('status', '=', 'sending')
    .where('lease_until', '=', claim.leaseUntil)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  claim.leaseUntil = leaseUntil;
  return true;
}

export interface DeliveryOutcome {
  /** '' when delivered. */
  error: string;
  startedAt: number;
  durationMs: number;
  /** The channel is gone for good (spec §9.1 step 3). */
  disableChannel: boolean;
  /** null: final (sent or failed); otherwise retry at this instant. */
  retryAt: number | null;
}

/**
 * Records an attempt on the notification and its channel (spec §9.1 step 4) in one transaction,
 * only while the claim is still ours. Returns false when it was not (the lease had expired and
 * another sender took over: it records the outcome instead).
 */
export function recordDelivery(store: Store, claim: ClaimedNotification, outcome: DeliveryOutcome): Promise<boolean> {
  const status = outcome.error === '' ? 'sent' : outcome.retryAt === null ? 'failed' : 'pending';
  const guard = store.db
    .updateTable('notifications')
    .set({
      status,
      error: outcome.error.slice(0, 200),
      duration_ms: outcome.durationMs,
      next_attempt_at: outcome.retryAt,
      lease_until: null,
    })
    .where('id', '=', claim.id)
    .where('status', '=', 'sending')
    .where('lease_until', '=', claim.leaseUntil)
    .compile();
  const channel = store.db
    .updateTable('channels')
    .set({
      last_notify_at: outcome.startedAt,
      last_notify_duration_ms: outcome.durationMs,
      last_error: outcome.error.slice(0, 200),
      ...(outcome.disableChannel ? { disabled: 1 as const } : {}),
    })
    .where('id', '=', claim.channel.id)
    .compile();
  return ifOneRowChanged(store, guard, [channel]);
}
