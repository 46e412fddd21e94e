import type { FastifyRequest } from 'fastify';
import type { ApiCaller } from '../accounts/authenticate-api-key.js';
import { canWrite, projectFor, requireWrite, type AccessibleProject } from '../accounts/project-access.js';
import type { Deps } from '../deps.js';
import { requireUser } from './page-context.js';

/** The project of an integrations page and the caller the channel use-cases take. */
export interface IntegrationAccess {
  project: AccessibleProject;
  caller: ApiCaller;
}

/**
 * Login first (else the login page), then membership (non-members: 404), then, for anything
 * but the list, write access: read-only members see the list and nothing else (403).
 */
export async function integrationAccess(
  deps: Pick<Deps, 'store'>,
  request: FastifyRequest,
  projectCode: string,
  access: 'read' | 'write',
): Promise<IntegrationAccess> {
  const user = requireUser(request);
  const project = await projectFor(deps, user, projectCode);
  if (access === 'write') requireWrite(project);
  return { project, caller: { projectId: project.id, readOnly: !canWrite(project.role) } };
}
