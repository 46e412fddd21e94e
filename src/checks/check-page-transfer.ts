import { projectFor, requireWrite, type AccessibleProject } from '../accounts/project-access.js';
import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { moveCheckToProject } from '../store/check-transfer.js';
import { countChecksOwnedBy } from '../store/checks.js';
import { listProjectsForUser } from '../store/members.js';
import { findUserById } from '../store/users.js';
import type { PageUser, ProjectCheck } from './check-page-access.js';

/** The projects a check can move to: the user's others where they may write. */
export async function transferTargets(
  deps: Pick<Deps, 'store'>,
  user: PageUser,
  page: ProjectCheck,
): Promise<AccessibleProject[]> {
  const projects = await listProjectsForUser(deps.store.db, user.id);
  return projects.filter((p) => p.id !== page.project.id && p.role !== 'r');
}

/**
 * "Transfer to another project" (spec §12): write access to both projects, and room under the
 * new owner's check limit when the owner changes. Returns the target project's code.
 */
export async function transferCheck(
  deps: Pick<Deps, 'store' | 'config'>,
  user: PageUser,
  page: ProjectCheck,
  targetProjectCode: string,
): Promise<string> {
  requireWrite(page.project);
  const target = await projectFor(deps, user, targetProjectCode).catch(() => {
    throw new AppError('bad_request', 'choose one of your projects');
  });
  requireWrite(target);
  if (target.id === page.project.id) throw new AppError('bad_request', 'the check is already in that project');
  if (target.ownerId !== page.project.ownerId) {
    const owner = await findUserById(deps.store.db, target.ownerId);
    const limit = owner?.checkLimit ?? deps.config.checkLimit;
    if ((await countChecksOwnedBy(deps.store.db, target.ownerId)) >= limit) {
      throw new AppError('forbidden', 'the owner of that project has reached their check limit');
    }
  }
  await moveCheckToProject(deps.store.db, page.check.id, target.id);
  return target.code;
}
