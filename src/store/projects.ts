import type { Kysely, Selectable, Transaction } from 'kysely';
import type { ApiKeyScope, Database, ProjectsTable } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface ProjectRecord {
  id: number;
  code: string;
  name: string;
  ownerId: number;
  badgeKey: string;
  pingKey: string | null;
  createdAt: number;
}

export interface NewProject {
  code: string;
  name: string;
  ownerId: number;
  badgeKey: string;
  pingKey: string | null;
  createdAt: number;
}

export async function insertProject(db: Db, p: NewProject): Promise<number> {
  const row = await db
    .insertInto('projects')
    .values({
      code: p.code,
      name: p.name,
      owner_id: p.ownerId,
      badge_key: p.badgeKey,
      ping_key: p.pingKey,
      created_at: p.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

type ProjectRow = Selectable<ProjectsTable>;

const toProject = (row: ProjectRow): ProjectRecord => ({
  id: Number(row.id),
  code: row.code,
  name: row.name,
  ownerId: Number(row.owner_id),
  badgeKey: row.badge_key,
  pingKey: row.ping_key,
  createdAt: row.created_at,
});

export async function findProjectByPingKey(db: Db, pingKey: string): Promise<ProjectRecord | undefined> {
  const row = await db.selectFrom('projects').selectAll().where('ping_key', '=', pingKey).executeTakeFirst();
  return row && toProject(row);
}

export async function findProjectById(db: Db, id: number): Promise<ProjectRecord | undefined> {
  const row = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toProject(row);
}

export async function findProjectByCode(db: Db, code: string): Promise<ProjectRecord | undefined> {
  const row = await db.selectFrom('projects').selectAll().where('code', '=', code).executeTakeFirst();
  return row && toProject(row);
}

export async function findProjectByBadgeKey(db: Db, badgeKey: string): Promise<ProjectRecord | undefined> {
  const row = await db.selectFrom('projects').selectAll().where('badge_key', '=', badgeKey).executeTakeFirst();
  return row && toProject(row);
}

/** Replaces the project's key of that scope: a project has at most one of each. */
export async function replaceApiKey(
  db: Db,
  key: { projectId: number; scope: ApiKeyScope; prefix: string; hash: string; createdAt: number },
): Promise<void> {
  await db.deleteFrom('api_keys').where('project_id', '=', key.projectId).where('scope', '=', key.scope).execute();
  await db
    .insertInto('api_keys')
    .values({ project_id: key.projectId, scope: key.scope, prefix: key.prefix, hash: key.hash, created_at: key.createdAt })
    .execute();
}

export async function findApiKeyCandidates(
  db: Db,
  prefix: string,
  scope: ApiKeyScope,
): Promise<Array<{ projectId: number; hash: string }>> {
  const rows = await db
    .selectFrom('api_keys')
    .select(['project_id', 'hash'])
    .where('prefix', '=', prefix)
    .where('scope', '=', scope)
    .execute();
  return rows.map((r) => ({ projectId: Number(r.project_id), hash: r.hash }));
}
