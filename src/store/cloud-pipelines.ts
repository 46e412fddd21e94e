import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { PipelinesTable } from './cloud-schema.js';
import { readPage, type Page, type PageRequest } from './cloud-page.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Selectable<PipelinesTable>;

export interface PipelineRecord {
  id: string;
  projectId: number;
  coreInstanceId: string;
  name: string;
  kind: string;
  portKind: string;
  waitForChecks: boolean;
  tags: string[] | null;
  createdAt: number;
  updatedAt: number;
}

const toRecord = (r: Row): PipelineRecord => ({
  id: r.id,
  projectId: Number(r.project_id),
  coreInstanceId: r.core_instance_id,
  name: r.name,
  kind: r.kind,
  portKind: r.port_kind,
  waitForChecks: Number(r.wait_for_checks) === 1,
  tags: r.tags === null ? null : (JSON.parse(r.tags) as string[]),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export interface NewPipeline {
  id: string;
  projectId: number;
  coreInstanceId: string;
  name: string;
  kind: string;
  portKind: string;
  waitForChecks: boolean;
  tags: string[] | null;
  now: number;
}

/** Throws the driver's unique violation when the core instance already has the name. */
export async function insertPipeline(db: Db, p: NewPipeline): Promise<void> {
  await db
    .insertInto('pipelines')
    .values({
      id: p.id,
      project_id: p.projectId,
      core_instance_id: p.coreInstanceId,
      name: p.name,
      kind: p.kind,
      port_kind: p.portKind,
      wait_for_checks: p.waitForChecks ? 1 : 0,
      tags: p.tags === null ? null : JSON.stringify(p.tags),
      created_at: p.now,
      updated_at: p.now,
    })
    .execute();
}

export async function findPipeline(db: Db, projectId: number, id: string): Promise<PipelineRecord | undefined> {
  const row = await db
    .selectFrom('pipelines')
    .selectAll()
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function listPipelines(db: Db, coreInstanceId: string, page: PageRequest): Promise<Page<PipelineRecord>> {
  const query = db.selectFrom('pipelines').selectAll().where('core_instance_id', '=', coreInstanceId);
  return readPage(query, page, toRecord);
}

/** The project's pipelines across its core instances (index pipelines_project_page), optionally only those named `name`. */
export async function listPipelinesOfProject(
  db: Db,
  projectId: number,
  page: PageRequest,
  name: string | null,
): Promise<Page<PipelineRecord>> {
  let query = db.selectFrom('pipelines').selectAll().where('project_id', '=', projectId);
  if (name !== null) query = query.where('name', '=', name);
  return readPage(query, page, toRecord);
}

export type PipelineChanges = Pick<Updateable<PipelinesTable>, 'name' | 'kind' | 'port_kind' | 'wait_for_checks' | 'tags'>;

export async function updatePipeline(db: Db, id: string, changes: PipelineChanges, now: number): Promise<void> {
  await db
    .updateTable('pipelines')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Its ports and checks go with it (foreign keys cascade). */
export async function deletePipeline(db: Db, id: string): Promise<void> {
  await db.deleteFrom('pipelines').where('id', '=', id).execute();
}

export async function countPipelines(db: Db, coreInstanceIds: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (coreInstanceIds.length === 0) return counts;
  const rows = await db
    .selectFrom('pipelines')
    .select('core_instance_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('core_instance_id', 'in', coreInstanceIds)
    .groupBy('core_instance_id')
    .execute();
  for (const row of rows) counts.set(row.core_instance_id, Number(row.n));
  return counts;
}
