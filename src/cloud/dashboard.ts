import type { AccessibleProject } from '../accounts/project-access.js';
import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { isUuidString } from '../lib/ids.js';
import {
  coreInstanceContents,
  coreInstanceOfCheck,
  coreInstanceOfPort,
  findDashboardCoreInstance,
  listCoreInstanceSummaries,
  type CoreInstanceContents,
  type CoreInstanceSummary,
  type DashboardCoreInstance,
} from '../store/cloud-dashboard.js';
import { rerunCloudCheck } from './cloud-checks.js';
import { setPortProbe } from './port-probe.js';

type ViewDeps = Pick<Deps, 'store' | 'clock'>;

/** Status changes a core instance page lists, newest first. */
export const FLIP_LIMIT = 20;

export interface CloudListView {
  project: AccessibleProject;
  cores: CoreInstanceSummary[];
  now: number;
}

export interface CoreInstanceView {
  project: AccessibleProject;
  core: DashboardCoreInstance;
  contents: CoreInstanceContents;
  now: number;
}

/** An id from a dashboard path: anything but a UUID is simply not found (never a database error). */
export function pathId(value: string, what: string): string {
  if (!isUuidString(value)) throw new AppError('not_found', `${what} not found`);
  return value.toLowerCase();
}

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

/**
 * A form posted from a core instance page acts only on what that page shows: a check or port of
 * another core instance (or project) is not found, as a malformed id is.
 */
async function requireUnder(found: Promise<string | undefined>, coreId: string, what: string): Promise<void> {
  if ((await found) !== coreId) throw new AppError('not_found', `${what} not found`);
}

/** "Probe again" on a check of the core instance page. */
export async function probeAgain(deps: ViewDeps, project: AccessibleProject, coreId: string, rawCheckId: string): Promise<void> {
  const checkId = pathId(rawCheckId, 'check');
  await requireUnder(coreInstanceOfCheck(deps.store.db, project.id, checkId), coreId, 'check');
  await rerunCloudCheck(deps, project.id, checkId);
}

/** A port's probe switch on the core instance page. */
export async function switchPortProbe(
  deps: ViewDeps,
  project: AccessibleProject,
  coreId: string,
  rawPortId: string,
  probe: boolean,
): Promise<void> {
  const portId = pathId(rawPortId, 'pipeline port');
  await requireUnder(coreInstanceOfPort(deps.store.db, project.id, portId), coreId, 'pipeline port');
  await setPortProbe(deps, project.id, portId, probe);
}
