import type { Insertable } from 'kysely';
import { createProject, type CreatedProject } from '../../src/accounts/create-project.js';
import type { Deps } from '../../src/deps.js';
import type { Check } from '../../src/domain/check.js';
import { newUuid } from '../../src/lib/ids.js';
import { findCheckByCode } from '../../src/store/checks.js';
import type { ChecksTable } from '../../src/store/schema.js';

export interface TestProject extends CreatedProject {
  projectId: number;
}

export async function makeProject(deps: Deps, name = 'Backups'): Promise<TestProject> {
  const { project } = await createProject(deps, { name });
  const row = await deps.store.db.selectFrom('projects').select('id').where('code', '=', project.id).executeTakeFirstOrThrow();
  return { ...project, projectId: Number(row.id) };
}

export type CheckFields = Partial<Omit<Insertable<ChecksTable>, 'project_id'>>;

/** A check with Healthchecks' defaults (new, timeout 1 day, grace 1 hour) unless overridden. */
export async function makeCheck(deps: Deps, project: TestProject, fields: CheckFields = {}): Promise<Check> {
  const code = fields.code ?? newUuid();
  await deps.store.db
    .insertInto('checks')
    .values({ badge_key: newUuid(), created_at: deps.clock.now(), ...fields, code, project_id: project.projectId })
    .execute();
  return reload(deps, code);
}

export async function reload(deps: Deps, code: string): Promise<Check> {
  const check = await findCheckByCode(deps.store.db, code);
  if (!check) throw new Error(`check ${code} not found`);
  return check;
}

export async function pingsOf(deps: Deps, checkId: number) {
  return deps.store.db.selectFrom('pings').selectAll().where('check_id', '=', checkId).orderBy('n').execute();
}

export async function flipsOf(deps: Deps, checkId: number) {
  return deps.store.db.selectFrom('flips').selectAll().where('check_id', '=', checkId).orderBy('id').execute();
}
