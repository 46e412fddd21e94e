import type { Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { CoreInstancesTable } from './cloud-schema.js';
import { readPage, type Page, type PageRequest } from './cloud-page.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Selectable<CoreInstancesTable>;

export interface CoreInstanceRecord {
  id: string;
  projectId: number;
  name: string;
  version: string;
  tags: string[] | null;
  environmentName: string;
  metadata: Record<string, unknown>;
  skipServiceCreation: boolean;
  image: string | null;
  lastPingAt: number | null;
  createdAt: number;
  updatedAt: number;
}

const toRecord = (r: Row): CoreInstanceRecord => ({
  id: r.id,
  projectId: Number(r.project_id),
  name: r.name,
  version: r.version,
  tags: r.tags === null ? null : (JSON.parse(r.tags) as string[]),
  environmentName: r.environment_name,
  metadata: JSON.parse(r.metadata) as Record<string, unknown>,
  skipServiceCreation: Number(r.skip_service_creation) === 1,
  image: r.image,
  lastPingAt: r.last_ping_at === null ? null : Number(r.last_ping_at),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export interface NewCoreInstance {
  id: string;
  projectId: number;
  name: string;
  version: string;
  tags: string[] | null;
  environmentName: string;
  metadata: Record<string, unknown>;
  skipServiceCreation: boolean;
  image: string | null;
  now: number;
}

/** Throws the driver's unique violation when the project already has the name. */
export async function insertCoreInstance(db: Db, c: NewCoreInstance): Promise<void> {
  await db
    .insertInto('core_instances')
    .values({
      id: c.id,
      project_id: c.projectId,
      name: c.name,
      version: c.version,
      tags: c.tags === null ? null : JSON.stringify(c.tags),
      environment_name: c.environmentName,
      metadata: JSON.stringify(c.metadata),
      skip_service_creation: c.skipServiceCreation ? 1 : 0,
      image: c.image,
      created_at: c.now,
      updated_at: c.now,
    })
    .execute();
}

export async function findCoreInstance(db: Db, projectId: number, id: string): Promise<CoreInstanceRecord | undefined> {
  const row = await db
    .selectFrom('core_instances')
    .selectAll()
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function listCoreInstances(db: Db, projectId: number, page: PageRequest): Promise<Page<CoreInstanceRecord>> {
  const query = db.selectFrom('core_instances').selectAll().where('project_id', '=', projectId);
  return readPage(query, page, toRecord);
}

export async function countCoreInstances(db: Db, projectId: number): Promise<number> {
  const row = await db
    .selectFrom('core_instances')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type CoreInstanceChanges = Pick<
  Updateable<CoreInstancesTable>,
  'name' | 'version' | 'tags' | 'environment_name' | 'metadata' | 'skip_service_creation' | 'image'
>;

export async function updateCoreInstance(db: Db, id: string, changes: CoreInstanceChanges, now: number): Promise<void> {
  await db
    .updateTable('core_instances')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** A heartbeat: only the ping time moves, so it never races a PATCH of other fields. */
/** Records the heartbeat; answers the status alerts last knew of, or null when there's no such core instance. */
export async function recordCoreInstancePing(db: Db, projectId: number, id: string, now: number): Promise<string | null> {
  const row = await db
    .updateTable('core_instances')
    .set({ last_ping_at: now })
    .where('id', '=', id)
    .where('project_id', '=', projectId)
    .returning('alert_status')
    .executeTakeFirst();
  return row?.alert_status ?? null;
}

/** Pipelines, ports and checks go with it (foreign keys cascade). */
export async function deleteCoreInstance(db: Db, id: string): Promise<void> {
  await db.deleteFrom('core_instances').where('id', '=', id).execute();
}
