import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { findProjectForUser, type AccessibleProject, type ProjectRole } from '../store/members.js';

export type { AccessibleProject, ProjectRole };

/**
 * The project `projectCode` as `userId` may see it. Not a member: not found (a project's
 * existence is not revealed, STYLE.md). Superusers see every project as its owner would.
 */
export async function projectFor(
  deps: Pick<Deps, 'store'>,
  user: { id: number; isSuperuser: boolean },
  projectCode: string,
): Promise<AccessibleProject> {
  const project = await findProjectForUser(deps.store.db, user, projectCode);
  if (project) return project;
  throw new AppError('not_found', 'project not found');
}

/** Read-write means owner, manager or member (spec §1.3); read-only members get 403. */
export function requireWrite(project: AccessibleProject): void {
  if (project.role === 'r') throw new AppError('forbidden', 'read-only members cannot change this project');
}

/** Managing the team: owner or manager. */
export function requireManager(project: AccessibleProject): void {
  if (project.role !== 'owner' && project.role !== 'm')
    throw new AppError('forbidden', 'only the owner or a manager can do this');
}

export const canWrite = (role: ProjectRole): boolean => role !== 'r';
