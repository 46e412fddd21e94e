import { projectFor, type AccessibleProject } from '../accounts/project-access.js';
import type { Deps } from '../deps.js';
import { MAX_DURATION_MS } from '../domain/ping-durations.js';
import { listCheckSummaries } from '../store/check-page-list.js';
import { projectPingSettings, setUserChecksSort, userCheckPrefs, type ProjectPingSettings } from '../store/check-page-prefs.js';
import type { PageUser } from './check-page-access.js';
import {
  duplicateSlugs,
  isCheckSort,
  listedCheck,
  matchesFilters,
  sortChecks,
  tagSummaries,
  type CheckSort,
  type ListedCheck,
  type ListFilters,
  type TagSummary,
} from './check-page-filter.js';

export interface ChecksList {
  project: AccessibleProject;
  ping: ProjectPingSettings;
  sort: CheckSort;
  /** Checks in the project, before filtering. */
  total: number;
  /** Those the filters keep, in order. */
  checks: ListedCheck[];
  /** Every tag of the project with how its checks are doing. */
  tags: TagSummary[];
  duplicateSlugs: Set<string>;
  /** Checks down, filtered or not. */
  down: number;
  /** Some check has a last duration worth showing (below 72 hours, spec §2.6). */
  showDurations: boolean;
  now: number;
}

/**
 * The checks page of a project (spec §12): a fixed number of queries whatever the number of
 * checks (the project, its ping settings, the user's order, the checks), then statuses,
 * filters and order in memory. A `sort` asked for is remembered as the user's order.
 */
export async function checksList(
  deps: Pick<Deps, 'store' | 'clock'>,
  user: PageUser,
  projectCode: string,
  request: { filters: ListFilters; sort?: CheckSort },
): Promise<ChecksList> {
  const project = await projectFor(deps, user, projectCode);
  const [ping, prefs, summaries] = await Promise.all([
    projectPingSettings(deps.store.db, project.id),
    userCheckPrefs(deps.store.db, user.id),
    listCheckSummaries(deps.store.db, project.id),
  ]);
  let sort: CheckSort = isCheckSort(prefs.checksSort) ? prefs.checksSort : 'created';
  if (request.sort && request.sort !== sort) {
    sort = request.sort;
    await setUserChecksSort(deps.store.db, user.id, sort);
  }
  const now = deps.clock.now();
  const all = summaries.map((summary) => listedCheck(summary, now));
  return {
    project,
    ping,
    sort,
    total: all.length,
    checks: sortChecks(
      all.filter((listed) => matchesFilters(listed, request.filters)),
      sort,
    ),
    tags: tagSummaries(all),
    duplicateSlugs: duplicateSlugs(summaries),
    down: all.filter((listed) => listed.status === 'down').length,
    showDurations: summaries.some((c) => c.lastDurationMs !== null && c.lastDurationMs > 0 && c.lastDurationMs < MAX_DURATION_MS),
    now,
  };
}
