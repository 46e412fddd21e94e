import type { Kysely } from 'kysely';
import { checkFlipStatus } from '../domain/cloud-status.js';
import { ifOneRowChanged } from './atomic.js';
import { cloudFlipInsert } from './cloud-flips.js';
import type { Store } from './open-store.js';
import type { Database } from './schema.js';

/** What the prober reads of a check, and the tokens its compare-and-sets use. */
export interface ProbeTask {
  id: string;
  projectId: number;
  protocol: string;
  host: string;
  port: number;
  retries: number;
  intervalSeconds: number;
  payload: string | null;
  expect: string | null;
  status: string;
  alertStatus: string;
  /** Set when a prober claimed it and never finished: the claim ran out. */
  claimedAt: number | null;
  nextProbeAt: number;
}

/**
 * Checks Watchpost probes itself that are due (index cloud_checks_due): new ones, finished ones
 * whose interval has passed, and claims a prober left behind (a claim moves `next_probe_at` to
 * when it runs out).
 */
export async function findDueProbes(db: Kysely<Database>, now: number, limit: number): Promise<ProbeTask[]> {
  const rows = await db
    .selectFrom('cloud_checks')
    .select([
      'id',
      'project_id',
      'protocol',
      'host',
      'port',
      'retries',
      'interval_seconds',
      'payload',
      'expect',
      'status',
      'alert_status',
      'claimed_at',
      'next_probe_at',
    ])
    .where('next_probe_at', 'is not', null)
    .where('next_probe_at', '<=', now)
    .orderBy('next_probe_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    projectId: Number(r.project_id),
    protocol: r.protocol,
    host: r.host,
    port: Number(r.port),
    retries: Number(r.retries),
    intervalSeconds: Number(r.interval_seconds),
    payload: r.payload,
    expect: r.expect,
    status: r.status,
    alertStatus: r.alert_status,
    claimedAt: r.claimed_at === null ? null : Number(r.claimed_at),
    nextProbeAt: Number(r.next_probe_at),
  }));
}

/**
 * Claims a due check until `until`, only if nothing moved it since it was read (several nodes
 * share the work; an agent's PATCH, which clears `next_probe_at`, wins). A new check shows
 * `running` while it is probed; a re-probe keeps its status, so clients don't see `ok` flicker.
 */
export async function claimProbe(db: Kysely<Database>, task: ProbeTask, now: number, until: number): Promise<boolean> {
  const result = await db
    .updateTable('cloud_checks')
    .set({ claimed_at: now, next_probe_at: until, updated_at: now, ...(task.status === 'new' ? { status: 'running' } : {}) })
    .where('id', '=', task.id)
    .where('agent_managed', '=', 0)
    .where('next_probe_at', '=', task.nextProbeAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ProbeOutcome {
  ok: boolean;
  error: string | null;
}

/**
 * Records a probe's outcome while the claim is still ours (an agent's PATCH or a "probe again"
 * in between wins), and when the result differs from the last one alerted on, its flip in the
 * same transaction.
 */
export function recordProbe(
  store: Store,
  task: ProbeTask,
  claimedAt: number,
  outcome: ProbeOutcome,
  now: number,
): Promise<boolean> {
  const status = outcome.ok ? 'ok' : 'failed';
  const guard = store.db
    .updateTable('cloud_checks')
    .set({
      status,
      alert_status: status,
      last_result: status,
      last_error: outcome.error,
      last_probe_at: now,
      claimed_at: null,
      next_probe_at: now + task.intervalSeconds * 1000,
      updated_at: now,
    })
    .where('id', '=', task.id)
    .where('claimed_at', '=', claimedAt)
    .where('agent_managed', '=', 0)
    .where('alert_status', '=', task.alertStatus)
    .compile();
  const flips =
    status === task.alertStatus
      ? []
      : [
          cloudFlipInsert(store.db, {
            projectId: task.projectId,
            subject: { cloudCheckId: task.id },
            at: now,
            oldStatus: checkFlipStatus(task.alertStatus),
            newStatus: checkFlipStatus(status),
            reason: outcome.error ?? '',
          }),
        ];
  return ifOneRowChanged(store, guard, flips);
}

/**
 * Gives a claim back (the prober is shutting down mid-probe): due again at once for whichever
 * node is still running, instead of waiting out the claim and being taken for a dead probe.
 */
export async function releaseProbe(db: Kysely<Database>, task: ProbeTask, claimedAt: number, now: number): Promise<void> {
  await db
    .updateTable('cloud_checks')
    .set({ claimed_at: null, next_probe_at: now, updated_at: now, ...(task.status === 'new' ? { status: 'new' } : {}) })
    .where('id', '=', task.id)
    .where('claimed_at', '=', claimedAt)
    .execute();
}
