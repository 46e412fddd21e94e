import type { Kysely } from 'kysely';
import type { Database, MemberRole } from './schema.js';

export type ProjectRole = 'owner' | MemberRole;

export interface AccessibleProject {
  id: number;
  code: string;
  name: string;
  ownerId: number;
  ownerEmail: string;
  role: ProjectRole;
}

const PROJECT_COLUMNS = ['projects.id', 'projects.code', 'projects.name', 'projects.owner_id', 'users.email'] as const;

type Row = { id: number; code: string; name: string; owner_id: number; email: string };
const toProject = (r: Row, role: ProjectRole): AccessibleProject => ({
  id: Number(r.id),
  code: r.code,
  name: r.name,
  ownerId: Number(r.owner_id),
  ownerEmail: r.email,
  role,
});

/**
 * A project by code with the user's role in it; undefined when they have none. A superuser has
 * the owner's rights everywhere (spec §1.3).
 */
export async function findProjectForUser(
  db: Kysely<Database>,
  user: { id: number; isSuperuser: boolean },
  projectCode: string,
): Promise<AccessibleProject | undefined> {
  const userId = user.id;
  const row = await db
    .selectFrom('projects')
    .innerJoin('users', 'users.id', 'projects.owner_id')
    .leftJoin('members', (join) => join.onRef('members.project_id', '=', 'projects.id').on('members.user_id', '=', userId))
    .select([...PROJECT_COLUMNS, 'members.role'])
    .where('projects.code', '=', projectCode)
    .executeTakeFirst();
  if (!row) return undefined;
  if (Number(row.owner_id) === userId) return toProject(row, 'owner');
  if (row.role) return toProject(row, row.role);
  return user.isSuperuser ? toProject(row, 'owner') : undefined;
}

/** Every project the user owns or is a member of, by name (index members_user, projects_owner_id). */
export async function listProjectsForUser(db: Kysely<Database>, userId: number): Promise<AccessibleProject[]> {
  const owned = await db
    .selectFrom('projects')
    .innerJoin('users', 'users.id', 'projects.owner_id')
    .select(PROJECT_COLUMNS)
    .where('projects.owner_id', '=', userId)
    .execute();
  const joined = await db
    .selectFrom('members')
    .innerJoin('projects', 'projects.id', 'members.project_id')
    .innerJoin('users', 'users.id', 'projects.owner_id')
    .select([...PROJECT_COLUMNS, 'members.role'])
    .where('members.user_id', '=', userId)
    .execute();
  return [...owned.map((r) => toProject(r, 'owner')), ...joined.map((r) => toProject(r, r.role))].sort(
    (a, b) => (a.name || a.ownerEmail).localeCompare(b.name || b.ownerEmail) || a.id - b.id,
  );
}
