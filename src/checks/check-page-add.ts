import { projectFor, requireWrite } from '../accounts/project-access.js';
import type { Deps } from '../deps.js';
import { callerFor, type PageUser } from './check-page-access.js';
import { createCheck } from './create-check.js';

/**
 * "Add check" (spec §12): a check with the defaults of spec §1.4, assigned to every integration
 * of the project, as the dashboard's add form does; the same limit as the API. Its UUID.
 */
export async function addCheck(
  deps: Pick<Deps, 'store' | 'clock' | 'config'>,
  user: PageUser,
  projectCode: string,
): Promise<string> {
  const project = await projectFor(deps, user, projectCode);
  requireWrite(project);
  const { check } = await createCheck(deps, callerFor(project), { unique: [], channels: '*' }, 3);
  return check.code;
}
