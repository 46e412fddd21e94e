import type { FastifyRequest } from 'fastify';
import { projectFor, requireWrite, type AccessibleProject } from '../accounts/project-access.js';
import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { requireUser } from './page-context.js';

/**
 * Login first (pages redirect to it; a live fragment, fetched by the page script, answers 403
 * instead), then membership (non-members: 404), then, for actions, write access (read-only: 403).
 */
export async function cloudProject(
  deps: Pick<Deps, 'store'>,
  request: FastifyRequest,
  projectCode: string,
  access: 'read' | 'write' | 'fragment',
): Promise<AccessibleProject> {
  if (access === 'fragment' && !request.user) throw new AppError('forbidden', 'log in first');
  const project = await projectFor(deps, requireUser(request), projectCode);
  if (access === 'write') requireWrite(project);
  return project;
}

/** Every Cloud page and form hangs below the project's `cloud/`. */
export const cloudPath = (prefix: string, projectCode: string): string => `${prefix}/projects/${projectCode}/cloud/`;

/** The core instance page's path (forms post below it, actions come back to it). */
export const corePath = (prefix: string, projectCode: string, coreId: string): string =>
  `${cloudPath(prefix, projectCode)}${coreId}/`;
