import type { AccessibleProject } from '../accounts/project-access.js';
import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { coreInstanceContents, findDashboardCoreInstance, listCoreInstanceSummaries } from '../store/cloud-dashboard.js';
import { cloudPath, pathId } from './cloud-access.js';
import type { CoreInstanceView } from './cloud-detail-page.js';
import type { CloudListView } from './cloud-list-page.js';

type ViewDeps = Pick<Deps, 'store' | 'clock'>;

/** Status changes a core instance page lists, newest first. */
export const FLIP_LIMIT = 20;

export async function cloudListView(deps: ViewDeps, project: AccessibleProject): Promise<CloudListView> {
  const cores = await listCoreInstanceSummaries(deps.store.db, project.id);
  return { project, cores, now: deps.clock.now() };
}

/** A malformed id, an unknown one and another project's are all simply not found. */
export async function coreInstanceView(deps: ViewDeps, project: AccessibleProject, rawId: string): Promise<CoreInstanceView> {
  const id = pathId(rawId, 'core instance');
  const core = await findDashboardCoreInstance(deps.store.db, project.id, id);
  if (!core) throw new AppError('not_found', 'core instance not found');
  const contents = await coreInstanceContents(deps.store.db, project.id, id, FLIP_LIMIT);
  return { project, core, contents, now: deps.clock.now() };
}

/** The core instance page's path (forms post below it, actions come back to it). */
export const corePath = (prefix: string, projectCode: string, coreId: string): string =>
  `${cloudPath(prefix, projectCode)}${coreId}/`;
