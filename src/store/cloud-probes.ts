import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** What the prober reads of a check, and the tokens its compare-and-sets use. */
export interface ProbeTask {
  id: string;
  protocol: string;
  host: string;
  port: number;
  retries: number;
  status: string;
  claimedAt: number | null;
  updatedAt: number;
}

/**
 * Checks Watchpost probes itself (not agent-managed) that are due: new ones, finished ones whose
 * interval has passed, and claims older than `stuckBefore` (a prober that died mid-probe).
 */
export async function findDueProbes(db: Kysely<Database>, now: number, stuckBefore: number, limit: number): Promise<ProbeTask[]> {
  const rows = await db
    .selectFrom('cloud_checks')
    .select(['id', 'protocol', 'host', 'port', 'retries', 'status', 'claimed_at', 'updated_at'])
    .where('agent_managed', '=', 0)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'new'), eb('claimed_at', 'is', null)]),
        eb.and([
          eb('status', 'in', ['ok', 'failed']),
          eb('claimed_at', 'is', null),
          eb(sql<number>`coalesce(last_probe_at, 0) + interval_seconds * 1000`, '<=', now),
        ]),
        eb.and([eb('claimed_at', 'is not', null), eb('claimed_at', '<=', stuckBefore)]),
      ]),
    )
    .orderBy(sql`coalesce(last_probe_at, 0)`)
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    protocol: r.protocol,
    host: r.host,
    port: Number(r.port),
    retries: Number(r.retries),
    status: r.status,
    claimedAt: r.claimed_at === null ? null : Number(r.claimed_at),
    updatedAt: Number(r.updated_at),
  }));
}

/**
 * Claims a due check for one probe, only if nothing wrote it since it was read (several nodes
 * share the work; an agent's PATCH wins). A new check shows `running` while it is probed; a
 * re-probe keeps its status, so clients don't see `ok` flicker.
 */
export async function claimProbe(db: Kysely<Database>, task: ProbeTask, now: number): Promise<boolean> {
  const result = await db
    .updateTable('cloud_checks')
    .set({ claimed_at: now, updated_at: now, ...(task.status === 'new' ? { status: 'running' } : {}) })
    .where('id', '=', task.id)
    .where('agent_managed', '=', 0)
    .where('status', '=', task.status)
    .where('updated_at', '=', task.updatedAt)
    .where((eb) => (task.claimedAt === null ? eb('claimed_at', 'is', null) : eb('claimed_at', '=', task.claimedAt)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records a probe's outcome while the claim is still ours (an agent's PATCH in between wins). */
export async function recordProbe(
  db: Kysely<Database>,
  id: string,
  claimedAt: number,
  outcome: { ok: boolean; error: string | null },
  now: number,
): Promise<boolean> {
  const status = outcome.ok ? 'ok' : 'failed';
  const result = await db
    .updateTable('cloud_checks')
    .set({ status, last_result: status, last_error: outcome.error, last_probe_at: now, claimed_at: null, updated_at: now })
    .where('id', '=', id)
    .where('claimed_at', '=', claimedAt)
    .where('agent_managed', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
