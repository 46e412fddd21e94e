import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { PipelinePortsTable } from './cloud-schema.js';
import { readPage, type Page, type PageRequest } from './cloud-page.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Selectable<PipelinePortsTable>;

export interface PipelinePortRecord {
  id: string;
  pipelineId: string;
  protocol: string;
  kind: string;
  frontendPort: number;
  backendPort: number;
  endpoint: string;
  pluginId: string | null;
  pluginName: string | null;
  pluginAlias: string | null;
  createdAt: number;
  updatedAt: number;
}

const toRecord = (r: Row): PipelinePortRecord => ({
  id: r.id,
  pipelineId: r.pipeline_id,
  protocol: r.protocol,
  kind: r.kind,
  frontendPort: Number(r.frontend_port),
  backendPort: Number(r.backend_port),
  endpoint: r.endpoint,
  pluginId: r.plugin_id,
  pluginName: r.plugin_name,
  pluginAlias: r.plugin_alias,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export interface NewPipelinePort {
  id: string;
  projectId: number;
  pipelineId: string;
  protocol: string;
  kind: string;
  frontendPort: number;
  backendPort: number;
  endpoint: string;
  now: number;
}

/** Throws the driver's unique violation when the pipeline already uses the protocol and port. */
export async function insertPipelinePort(db: Db, p: NewPipelinePort): Promise<void> {
  await db
    .insertInto('pipeline_ports')
    .values({
      id: p.id,
      project_id: p.projectId,
      pipeline_id: p.pipelineId,
      protocol: p.protocol,
      kind: p.kind,
      frontend_port: p.frontendPort,
      backend_port: p.backendPort,
      endpoint: p.endpoint,
      created_at: p.now,
      updated_at: p.now,
    })
    .execute();
}

export async function findPipelinePort(db: Db, projectId: number, id: string): Promise<PipelinePortRecord | undefined> {
  const row = await db
    .selectFrom('pipeline_ports')
    .selectAll()
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function listPipelinePorts(db: Db, pipelineId: string, page: PageRequest): Promise<Page<PipelinePortRecord>> {
  const query = db.selectFrom('pipeline_ports').selectAll().where('pipeline_id', '=', pipelineId);
  return readPage(query, page, toRecord);
}

export type PipelinePortChanges = Pick<
  Updateable<PipelinePortsTable>,
  'protocol' | 'kind' | 'frontend_port' | 'backend_port' | 'endpoint'
>;

export async function updatePipelinePort(db: Db, id: string, changes: PipelinePortChanges, now: number): Promise<void> {
  await db
    .updateTable('pipeline_ports')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deletePipelinePort(db: Db, id: string): Promise<void> {
  await db.deleteFrom('pipeline_ports').where('id', '=', id).execute();
}
