import type { Deps } from '../deps.js';
import { newUuid } from '../lib/ids.js';
import {
  assignAllProjectChannels,
  countChecksOwnedBy,
  findChecksBySlug,
  insertCheck,
  lockSlugForCreate,
} from '../store/checks.js';
import { findProjectByPingKey } from '../store/projects.js';
import { findUserById } from '../store/users.js';

/**
 * `?create=1` (spec §3.8): a check named and slugged after the URL, with every integration of
 * the project. Refused (→ 404) for an unknown ping key or an owner at twice the check limit.
 */
export async function provisionCheck(deps: Deps, pingKey: string, slug: string): Promise<'created' | 'exists' | 'refused'> {
  const { store, clock, config } = deps;
  return store.db.transaction().execute(async (tx) => {
    const project = await findProjectByPingKey(tx, pingKey);
    if (!project) return 'refused';
    const owner = await findUserById(tx, project.ownerId);
    const limit = owner?.checkLimit ?? config.checkLimit;
    if ((await countChecksOwnedBy(tx, project.ownerId)) >= 2 * limit) return 'refused';
    await lockSlugForCreate(tx, store.dialect, project.id, slug);
    if ((await findChecksBySlug(tx, project.id, slug)).length > 0) return 'exists';
    const checkId = await insertCheck(tx, {
      code: newUuid(),
      projectId: project.id,
      name: slug,
      slug,
      badgeKey: newUuid(),
      createdAt: clock.now(),
    });
    await assignAllProjectChannels(tx, checkId, project.id);
    return 'created';
  });
}
