import type { ApiCaller } from '../accounts/authenticate-api-key.js';
import { projectFor, type AccessibleProject } from '../accounts/project-access.js';
import type { Deps } from '../deps.js';
import type { Check } from '../domain/check.js';
import { AppError } from '../lib/app-error.js';
import { CANONICAL_UUID } from '../lib/ids.js';
import { findCheckByCode } from '../store/checks.js';
import { findProjectById } from '../store/projects.js';

export type PageUser = { id: number; isSuperuser: boolean };

export interface ProjectCheck {
  project: AccessibleProject;
  check: Check;
}

/**
 * A check of a project the user can see. Another project's check, an unknown one and a
 * malformed UUID are all not found: pages never reveal what exists elsewhere (spec §12).
 */
export async function checkForPage(
  deps: Pick<Deps, 'store'>,
  user: PageUser,
  projectCode: string,
  checkCode: string,
): Promise<ProjectCheck> {
  const project = await projectFor(deps, user, projectCode);
  const check = CANONICAL_UUID.test(checkCode) ? await findCheckByCode(deps.store.db, checkCode) : undefined;
  if (!check || check.projectId !== project.id) throw new AppError('not_found', 'check not found');
  return { project, check };
}

/** The project of a check the user can see (the `/checks/<uuid>/details/` form of spec §1.10). */
export async function projectCodeOfCheck(deps: Pick<Deps, 'store'>, user: PageUser, checkCode: string): Promise<string> {
  const check = CANONICAL_UUID.test(checkCode) ? await findCheckByCode(deps.store.db, checkCode) : undefined;
  const project = check && (await findProjectById(deps.store.db, check.projectId));
  if (!project) throw new AppError('not_found', 'check not found');
  return (await projectFor(deps, user, project.code)).code;
}

/**
 * The check use-cases shared with the API act for a caller of one project; a page member with
 * write access acts as that project's read-write key would.
 */
export const callerFor = (project: AccessibleProject): ApiCaller => ({ projectId: project.id, readOnly: project.role === 'r' });
