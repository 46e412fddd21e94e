import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import { ifOneRowChanged } from './atomic.js';
import { cloudFlipInsert, type NewCloudFlip } from './cloud-flips.js';
import type { Store } from './open-store.js';
import type { CloudChecksTable } from './cloud-schema.js';
import { readPage, type Page, type PageRequest } from './cloud-page.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Selectable<CloudChecksTable>;

export type CloudCheckParent = { coreInstanceId: string } | { pipelineId: string };

export interface CloudCheckRecord {
  id: string;
  projectId: number;
  coreInstanceId: string | null;
  pipelineId: string | null;
  protocol: string;
  status: string;
  retries: number;
  host: string;
  port: number;
  intervalSeconds: number;
  agentManaged: boolean;
  claimedAt: number | null;
  lastProbeAt: number | null;
  lastResult: string | null;
  lastError: string | null;
  alertStatus: string;
  nextProbeAt: number | null;
  portId: string | null;
  payload: string | null;
  expect: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A `cloud_checks` row as the rest of the code reads it. */
export const toCloudCheck = (r: Row): CloudCheckRecord => ({
  id: r.id,
  projectId: Number(r.project_id),
  coreInstanceId: r.core_instance_id,
  pipelineId: r.pipeline_id,
  protocol: r.protocol,
  status: r.status,
  retries: Number(r.retries),
  host: r.host,
  port: Number(r.port),
  intervalSeconds: Number(r.interval_seconds),
  agentManaged: Number(r.agent_managed) === 1,
  claimedAt: r.claimed_at === null ? null : Number(r.claimed_at),
  lastProbeAt: r.last_probe_at === null ? null : Number(r.last_probe_at),
  lastResult: r.last_result,
  lastError: r.last_error,
  alertStatus: r.alert_status,
  nextProbeAt: r.next_probe_at === null ? null : Number(r.next_probe_at),
  portId: r.port_id,
  payload: r.payload,
  expect: r.expect,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export interface NewCloudCheck {
  id: string;
  projectId: number;
  parent: CloudCheckParent;
  protocol: string;
  status: string;
  retries: number;
  host: string;
  port: number;
  intervalSeconds: number;
  payload?: string | null;
  expect?: string | null;
  /** Set when the check follows a pipeline port (the port's probe opt-in). */
  portId?: string;
  /** Created with a result already (an agent's): Watchpost doesn't probe it. */
  agentManaged?: boolean;
  now: number;
}

export async function insertCloudCheck(db: Db, c: NewCloudCheck): Promise<void> {
  await db
    .insertInto('cloud_checks')
    .values({
      id: c.id,
      project_id: c.projectId,
      core_instance_id: 'coreInstanceId' in c.parent ? c.parent.coreInstanceId : null,
      pipeline_id: 'pipelineId' in c.parent ? c.parent.pipelineId : null,
      protocol: c.protocol,
      status: c.status,
      retries: c.retries,
      host: c.host,
      port: c.port,
      interval_seconds: c.intervalSeconds,
      payload: c.payload ?? null,
      expect: c.expect ?? null,
      agent_managed: c.agentManaged ? 1 : 0,
      // due at once: the prober picks it up on its next pass
      next_probe_at: c.agentManaged ? null : c.now,
      // a result given at creation is where alerts start from, not a change to alert on
      alert_status: c.status === 'ok' || c.status === 'failed' ? c.status : 'new',
      port_id: c.portId ?? null,
      created_at: c.now,
      updated_at: c.now,
    })
    .execute();
}

/** The check if it belongs to the project and to the given kind of parent. */
export async function findCloudCheck(
  db: Db,
  projectId: number,
  id: string,
  parentKind: 'core_instance' | 'pipeline',
): Promise<CloudCheckRecord | undefined> {
  const row = await db
    .selectFrom('cloud_checks')
    .selectAll()
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .where(parentKind === 'core_instance' ? 'core_instance_id' : 'pipeline_id', 'is not', null)
    .executeTakeFirst();
  return row ? toCloudCheck(row) : undefined;
}

/** The check if it belongs to the project, whatever its parent (the dashboard's routes). */
export async function findCloudCheckOfProject(db: Db, projectId: number, id: string): Promise<CloudCheckRecord | undefined> {
  const row = await db
    .selectFrom('cloud_checks')
    .selectAll()
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return row ? toCloudCheck(row) : undefined;
}

export async function listCloudChecks(db: Db, parent: CloudCheckParent, page: PageRequest): Promise<Page<CloudCheckRecord>> {
  const query = db
    .selectFrom('cloud_checks')
    .selectAll()
    .where(
      'coreInstanceId' in parent ? 'core_instance_id' : 'pipeline_id',
      '=',
      'coreInstanceId' in parent ? parent.coreInstanceId : parent.pipelineId,
    );
  return readPage(query, page, toCloudCheck);
}

export type CloudCheckChanges = Pick<
  Updateable<CloudChecksTable>,
  | 'protocol'
  | 'status'
  | 'retries'
  | 'host'
  | 'port'
  | 'interval_seconds'
  | 'payload'
  | 'expect'
  | 'agent_managed'
  | 'claimed_at'
  | 'next_probe_at'
>;

/**
 * A partial update decided on what was read (`seen`): it applies only if the check's status,
 * alert status, claim and update time are still those, and records `flip` in the same
 * transaction. False when something wrote the check meanwhile: read it again and decide again.
 */
export function updateCloudCheckIfUnchanged(
  store: Store,
  seen: Pick<CloudCheckRecord, 'id' | 'status' | 'alertStatus' | 'claimedAt' | 'updatedAt'>,
  changes: CloudCheckChanges & { alert_status?: string },
  now: number,
  flip: NewCloudFlip | null,
): Promise<boolean> {
  const guard = store.db
    .updateTable('cloud_checks')
    .set({ ...changes, updated_at: now })
    .where('id', '=', seen.id)
    .where('status', '=', seen.status)
    .where('alert_status', '=', seen.alertStatus)
    .where('updated_at', '=', seen.updatedAt)
    .where((eb) => (seen.claimedAt === null ? eb('claimed_at', 'is', null) : eb('claimed_at', '=', seen.claimedAt)))
    .compile();
  return ifOneRowChanged(store, guard, flip ? [cloudFlipInsert(store.db, flip)] : []);
}

/** A partial update: only the given columns change, so concurrent PATCHes of other fields survive. */
export async function updateCloudCheck(db: Db, id: string, changes: CloudCheckChanges, now: number): Promise<void> {
  await db
    .updateTable('cloud_checks')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteCloudCheck(db: Db, id: string): Promise<void> {
  await db.deleteFrom('cloud_checks').where('id', '=', id).execute();
}

export interface CheckCounts {
  total: number;
  ok: number;
  running: number;
}

/** Spec §3.7: a pipeline's counters are computed live from its checks. */
export async function countPipelineChecks(db: Db, pipelineIds: string[]): Promise<Map<string, CheckCounts>> {
  const counts = new Map<string, CheckCounts>();
  if (pipelineIds.length === 0) return counts;
  const rows = await db
    .selectFrom('cloud_checks')
    .select(['pipeline_id', 'status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('pipeline_id', 'in', pipelineIds)
    .groupBy(['pipeline_id', 'status'])
    .execute();
  for (const row of rows) {
    if (row.pipeline_id === null) continue;
    const c = counts.get(row.pipeline_id) ?? { total: 0, ok: 0, running: 0 };
    const n = Number(row.n);
    c.total += n;
    if (row.status === 'ok') c.ok += n;
    if (row.status === 'running') c.running += n;
    counts.set(row.pipeline_id, c);
  }
  return counts;
}
