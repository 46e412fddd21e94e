import type { Deps } from '../deps.js';
import { uniqueKey } from '../domain/unique-key.js';
import { AppError } from '../lib/app-error.js';
import { checkCodesOfProjects } from '../store/checks.js';
import { listProjectsForUser } from '../store/members.js';
import type { PageUser } from './check-page-access.js';

/**
 * Spec §1.10/§12 `/cloaked/<unique_key>/`: the user's check whose unique key this is, so links
 * in notifications never carry the UUID that can ping it. The key is a one-way hash, so the
 * search runs over the user's checks, as Healthchecks' does; anything else is not found.
 */
export async function uncloak(
  deps: Pick<Deps, 'store'>,
  user: PageUser,
  key: string,
): Promise<{ projectCode: string; checkCode: string }> {
  if (/^[0-9a-f]{40}$/.test(key)) {
    const projects = await listProjectsForUser(deps.store.db, user.id);
    const checks = await checkCodesOfProjects(
      deps.store.db,
      projects.map((p) => p.id),
    );
    const found = checks.find((c) => uniqueKey(c.code) === key);
    if (found) return { projectCode: found.projectCode, checkCode: found.code };
  }
  throw new AppError('not_found', 'check not found');
}
