import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { PipelinePortsTable } from './cloud-schema.js';
import { readPage, type Page, type PageRequest } from './cloud-page.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
/** A port row with the id of the check that follows it (null when none does). */
type Row = Selectable<PipelinePortsTable> & { check_id: string | null };

export interface PipelinePortRecord {
  id: string;
  projectId: number;
  pipelineId: string;
  protocol: string;
  kind: string;
  frontendPort: number;
  backendPort: number;
  endpoint: string;
  pluginId: string | null;
  pluginName: string | null;
  pluginAlias: string | null;
  /** Watchpost extension: the port opts in to a probe that follows it. */
  probe: boolean;
  /** The check following the port, if any (see cloud/port-probe.ts). */
  checkId: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A row of `selectPorts` as the rest of the code reads it. */
export const toPipelinePort = (r: Row): PipelinePortRecord => ({
  id: r.id,
  projectId: Number(r.project_id),
  pipelineId: r.pipeline_id,
  protocol: r.protocol,
  kind: r.kind,
  frontendPort: Number(r.frontend_port),
  backendPort: Number(r.backend_port),
  endpoint: r.endpoint,
  pluginId: r.plugin_id,
  pluginName: r.plugin_name,
  pluginAlias: r.plugin_alias,
  probe: Number(r.probe) === 1,
  checkId: r.check_id,
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
  probe: boolean;
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
      probe: p.probe ? 1 : 0,
      created_at: p.now,
      updated_at: p.now,
    })
    .execute();
}

/** Every port column plus the id of the check following the port (unique on `port_id`). */
export function selectPorts(db: Db) {
  return db
    .selectFrom('pipeline_ports')
    .selectAll()
    .select((eb) =>
      eb
        .selectFrom('cloud_checks')
        .select('cloud_checks.id')
        .whereRef('cloud_checks.port_id', '=', 'pipeline_ports.id')
        .as('check_id'),
    );
}

export async function findPipelinePort(db: Db, projectId: number, id: string): Promise<PipelinePortRecord | undefined> {
  const row = await selectPorts(db).where('id', '=', id).where('project_id', '=', projectId).executeTakeFirst();
  return row ? toPipelinePort(row) : undefined;
}

export async function listPipelinePorts(db: Db, pipelineId: string, page: PageRequest): Promise<Page<PipelinePortRecord>> {
  const query = selectPorts(db).where('pipeline_id', '=', pipelineId);
  return readPage(query, page, toPipelinePort);
}

export type PipelinePortChanges = Pick<
  Updateable<PipelinePortsTable>,
  'protocol' | 'kind' | 'frontend_port' | 'backend_port' | 'endpoint' | 'probe'
>;

/**
 * A partial update of the project's port; false when there is no such port. Inside a
 * transaction it also locks the row, so the probe sync that follows sees the port as written.
 */
export async function updatePipelinePort(
  db: Db,
  projectId: number,
  id: string,
  changes: PipelinePortChanges,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('pipeline_ports')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deletePipelinePort(db: Db, id: string): Promise<void> {
  await db.deleteFrom('pipeline_ports').where('id', '=', id).execute();
}
