import { createProject } from '../../src/accounts/create-project.js';
import type { Deps } from '../../src/deps.js';
import type { TestProject } from '../support/factories.js';

/** A project owned by `ownerEmail` (who must exist), as the factories describe projects. */
export async function projectOwnedBy(deps: Deps, ownerEmail: string, name = 'Backups'): Promise<TestProject> {
  const { project } = await createProject(deps, { name, ownerEmail });
  const row = await deps.store.db.selectFrom('projects').select('id').where('code', '=', project.id).executeTakeFirstOrThrow();
  return { ...project, projectId: Number(row.id) };
}

export async function addMember(deps: Deps, project: TestProject, userId: number, role: 'r' | 'w' | 'm'): Promise<void> {
  await deps.store.db
    .insertInto('members')
    .values({ project_id: project.projectId, user_id: userId, role, created_at: deps.clock.now() })
    .execute();
}

export async function channelsOf(deps: Deps, project: TestProject) {
  return deps.store.db.selectFrom('channels').selectAll().where('project_id', '=', project.projectId).orderBy('id').execute();
}

export async function assignedCheckIds(deps: Deps, channelId: number): Promise<number[]> {
  const rows = await deps.store.db
    .selectFrom('checks_channels')
    .select('check_id')
    .where('channel_id', '=', channelId)
    .orderBy('check_id')
    .execute();
  return rows.map((r) => Number(r.check_id));
}

/** The flash message of a page, if it shows one. */
export function flashOf(body: string): string | null {
  const match = /<p class="flash" role="status">([^<]*)<\/p>/.exec(body);
  return match ? match[1]! : null;
}
