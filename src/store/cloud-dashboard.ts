import type { Kysely } from 'kysely';
import { toCloudCheck, type CloudCheckRecord } from './cloud-checks.js';
import { selectPorts, toPipelinePort, type PipelinePortRecord } from './cloud-ports.js';
import type { Database } from './schema.js';

/**
 * The dashboard's reads of the Cloud resources: a fixed number of queries per page whatever the
 * number of rows (no query per core instance, pipeline or port).
 */

type Db = Kysely<Database>;

export interface DashboardCoreInstance {
  id: string;
  name: string;
  version: string;
  tags: string[];
  environmentName: string;
  image: string | null;
  lastPingAt: number | null;
  createdAt: number;
}

/** A core instance's checks and its pipelines' checks, by how they last ended. */
export interface CheckTally {
  ok: number;
  failed: number;
  /** `new` or `running`. */
  other: number;
}

export interface CoreInstanceSummary extends DashboardCoreInstance {
  pipelines: number;
  checks: CheckTally;
}

type CoreRow = {
  id: string;
  name: string;
  version: string;
  tags: string | null;
  environment_name: string;
  image: string | null;
  last_ping_at: number | string | null;
  created_at: number | string;
};

const CORE_COLUMNS = ['id', 'name', 'version', 'tags', 'environment_name', 'image', 'last_ping_at', 'created_at'] as const;

const toCore = (r: CoreRow): DashboardCoreInstance => ({
  id: r.id,
  name: r.name,
  version: r.version,
  tags: r.tags === null ? [] : (JSON.parse(r.tags) as string[]),
  environmentName: r.environment_name,
  image: r.image,
  lastPingAt: r.last_ping_at === null ? null : Number(r.last_ping_at),
  createdAt: Number(r.created_at),
});

function tally(tallies: Map<string, CheckTally>, coreId: string, status: string, n: number): void {
  const t = tallies.get(coreId) ?? { ok: 0, failed: 0, other: 0 };
  if (status === 'ok') t.ok += n;
  else if (status === 'failed') t.failed += n;
  else t.other += n;
  tallies.set(coreId, t);
}

/**
 * Every core instance of the project with its pipeline count and check tally: three queries,
 * each reaching its rows through the project's core instances (index core_instances_page), then
 * pipelines_name, cloud_checks_core_page and cloud_checks_pipeline_unique by their first column.
 */
export async function listCoreInstanceSummaries(db: Db, projectId: number): Promise<CoreInstanceSummary[]> {
  const cores = await db
    .selectFrom('core_instances')
    .select(CORE_COLUMNS)
    .where('project_id', '=', projectId)
    .orderBy('name')
    .execute();
  if (cores.length === 0) return [];
  const pipelineRows = await db
    .selectFrom('pipelines')
    .innerJoin('core_instances', 'core_instances.id', 'pipelines.core_instance_id')
    .select('pipelines.core_instance_id as core')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('core_instances.project_id', '=', projectId)
    .groupBy('pipelines.core_instance_id')
    .execute();
  const ownChecks = db
    .selectFrom('cloud_checks')
    .innerJoin('core_instances', 'core_instances.id', 'cloud_checks.core_instance_id')
    .select(['core_instances.id as core', 'cloud_checks.status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('core_instances.project_id', '=', projectId)
    .groupBy(['core_instances.id', 'cloud_checks.status']);
  const pipelineChecks = db
    .selectFrom('cloud_checks')
    .innerJoin('pipelines', 'pipelines.id', 'cloud_checks.pipeline_id')
    .innerJoin('core_instances', 'core_instances.id', 'pipelines.core_instance_id')
    .select(['core_instances.id as core', 'cloud_checks.status'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('core_instances.project_id', '=', projectId)
    .groupBy(['core_instances.id', 'cloud_checks.status']);
  const checkRows = await ownChecks.unionAll(pipelineChecks).execute();

  const pipelines = new Map(pipelineRows.map((r) => [r.core, Number(r.n)]));
  const tallies = new Map<string, CheckTally>();
  for (const r of checkRows) tally(tallies, r.core, r.status, Number(r.n));
  return cores.map((r) => ({
    ...toCore(r),
    pipelines: pipelines.get(r.id) ?? 0,
    checks: tallies.get(r.id) ?? { ok: 0, failed: 0, other: 0 },
  }));
}

export async function findDashboardCoreInstance(
  db: Db,
  projectId: number,
  id: string,
): Promise<DashboardCoreInstance | undefined> {
  const row = await db
    .selectFrom('core_instances')
    .select(CORE_COLUMNS)
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return row ? toCore(row) : undefined;
}

export interface DashboardPipeline {
  id: string;
  name: string;
  kind: string;
  portKind: string;
  waitForChecks: boolean;
}

export interface DashboardFlip {
  id: number;
  /** Exactly one of the two subjects is set. */
  cloudCheckId: string | null;
  coreInstanceId: string | null;
  createdAt: number;
  oldStatus: string;
  newStatus: string;
  reason: string;
}

/** What hangs under one core instance, for its page. */
export interface CoreInstanceContents {
  checks: CloudCheckRecord[];
  pipelines: DashboardPipeline[];
  ports: PipelinePortRecord[];
  flips: DashboardFlip[];
}

/** The ids of the core instance's pipelines (pipelines_name leads with core_instance_id). */
const pipelinesOf = (db: Db, coreId: string) => db.selectFrom('pipelines').select('id').where('core_instance_id', '=', coreId);

/** The core instance's checks and its pipelines' (cloud_checks_core_page, cloud_checks_pipeline_unique). */
const checksOf = (db: Db, coreId: string) =>
  db
    .selectFrom('cloud_checks')
    .where((eb) => eb.or([eb('core_instance_id', '=', coreId), eb('pipeline_id', 'in', pipelinesOf(db, coreId))]));

/**
 * Its checks, pipelines, ports and last `flipLimit` status changes (of itself and of its
 * checks, newest first): four queries whatever their number.
 */
export async function coreInstanceContents(
  db: Db,
  projectId: number,
  coreId: string,
  flipLimit: number,
): Promise<CoreInstanceContents> {
  const checks = await checksOf(db, coreId).selectAll().orderBy('created_at').orderBy('id').execute();
  const pipelines = await db
    .selectFrom('pipelines')
    .select(['id', 'name', 'kind', 'port_kind', 'wait_for_checks'])
    .where('core_instance_id', '=', coreId)
    .orderBy('name')
    .execute();
  const ports = await selectPorts(db)
    .where('pipeline_id', 'in', pipelinesOf(db, coreId))
    .orderBy('frontend_port')
    .orderBy('protocol')
    .execute();
  // cloud_flips_core and cloud_flips_check: each subject's history by time
  const flips = await db
    .selectFrom('cloud_flips')
    .select(['id', 'cloud_check_id', 'core_instance_id', 'created_at', 'old_status', 'new_status', 'reason'])
    .where('project_id', '=', projectId)
    .where((eb) =>
      eb.or([eb('core_instance_id', '=', coreId), eb('cloud_check_id', 'in', checksOf(db, coreId).select('cloud_checks.id'))]),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(flipLimit)
    .execute();
  return {
    checks: checks.map(toCloudCheck),
    pipelines: pipelines.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      portKind: r.port_kind,
      waitForChecks: Number(r.wait_for_checks) === 1,
    })),
    ports: ports.map(toPipelinePort),
    flips: flips.map((r) => ({
      id: Number(r.id),
      cloudCheckId: r.cloud_check_id,
      coreInstanceId: r.core_instance_id,
      createdAt: Number(r.created_at),
      oldStatus: r.old_status,
      newStatus: r.new_status,
      reason: r.reason,
    })),
  };
}

/** The core instance a check of the project hangs under (directly or through its pipeline). */
export async function coreInstanceOfCheck(db: Db, projectId: number, checkId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('cloud_checks')
    .leftJoin('pipelines', 'pipelines.id', 'cloud_checks.pipeline_id')
    .select(['cloud_checks.core_instance_id as own', 'pipelines.core_instance_id as viaPipeline'])
    .where('cloud_checks.id', '=', checkId)
    .where('cloud_checks.project_id', '=', projectId)
    .executeTakeFirst();
  return row ? (row.own ?? row.viaPipeline ?? undefined) : undefined;
}

/** The core instance a pipeline port of the project hangs under. */
export async function coreInstanceOfPort(db: Db, projectId: number, portId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('pipeline_ports')
    .innerJoin('pipelines', 'pipelines.id', 'pipeline_ports.pipeline_id')
    .select('pipelines.core_instance_id as core')
    .where('pipeline_ports.id', '=', portId)
    .where('pipeline_ports.project_id', '=', projectId)
    .executeTakeFirst();
  return row?.core;
}
