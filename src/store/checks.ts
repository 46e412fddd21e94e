import { sql, type Kysely, type Transaction } from 'kysely';
import type { Check } from '../domain/check.js';
import { toCheck } from './check-rows.js';
import type { Database } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface NewCheck {
  code: string;
  projectId: number;
  name: string;
  slug: string;
  badgeKey: string;
  createdAt: number;
}

/** Inserts a check with the defaults of spec §1.4 for every field not given. */
export async function insertCheck(db: Db, check: NewCheck): Promise<number> {
  const row = await db
    .insertInto('checks')
    .values({
      code: check.code,
      project_id: check.projectId,
      name: check.name,
      slug: check.slug,
      badge_key: check.badgeKey,
      created_at: check.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function findCheckByCode(db: Db, code: string): Promise<Check | undefined> {
  const row = await db.selectFrom('checks').selectAll().where('code', '=', code).executeTakeFirst();
  return row && toCheck(row);
}

export async function findChecksBySlug(db: Db, projectId: number, slug: string): Promise<Check[]> {
  const rows = await db
    .selectFrom('checks')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('slug', '=', slug)
    .orderBy('id')
    .execute();
  return rows.map(toCheck);
}

/** Checks across every project the user owns: the check limit is per owner. */
export async function countChecksOwnedBy(db: Db, ownerId: number): Promise<number> {
  const row = await db
    .selectFrom('checks')
    .innerJoin('projects', 'projects.id', 'checks.project_id')
    .where('projects.owner_id', '=', ownerId)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function assignAllProjectChannels(db: Db, checkId: number, projectId: number): Promise<void> {
  await db
    .insertInto('checks_channels')
    .columns(['check_id', 'channel_id'])
    .expression((eb) =>
      eb
        .selectFrom('channels')
        .select([sql.lit(checkId).as('check_id'), 'id as channel_id'])
        .where('project_id', '=', projectId),
    )
    .execute();
}

/**
 * Serializes creators of the same slug in a project until the transaction ends, so two
 * concurrent `?create=1` pings make one check. SQLite already serializes its writers.
 */
export async function lockSlugForCreate(
  db: Transaction<Database>,
  dialect: 'sqlite' | 'postgres',
  projectId: number,
  slug: string,
): Promise<void> {
  if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(hashtext(${`${projectId}/${slug}`}))`.execute(db);
}

/** Every check code of the given projects with its project's code (the uncloak search). */
export async function checkCodesOfProjects(db: Db, projectIds: number[]): Promise<{ code: string; projectCode: string }[]> {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('checks')
    .innerJoin('projects', 'projects.id', 'checks.project_id')
    .select(['checks.code as code', 'projects.code as projectCode'])
    .where('checks.project_id', 'in', projectIds)
    .execute();
}
