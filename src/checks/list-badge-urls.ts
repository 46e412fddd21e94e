import type { Deps } from '../deps.js';
import { ALL_CHECKS_TAG } from '../domain/badge-status.js';
import { badgeUrlsOf, type BadgeUrls } from '../domain/badge-urls.js';
import { tagsList } from '../domain/tags.js';
import { AppError } from '../lib/app-error.js';
import { distinctCheckTags } from '../store/badges.js';
import { findProjectById } from '../store/projects.js';

export type { BadgeUrls } from '../domain/badge-urls.js';

/**
 * `GET /api/vN/badges/` (spec §4.18): the badge URLs of every tag used in the project, then `*`
 * for all checks. Healthchecks iterates a Python set (no order); ours is sorted, `*` last, as the
 * documentation's example shows it.
 */
export async function listBadgeUrls(
  deps: Pick<Deps, 'store' | 'config' | 'secretKey'>,
  projectId: number,
): Promise<Record<string, BadgeUrls>> {
  const project = await findProjectById(deps.store.db, projectId);
  if (!project) throw new AppError('not_found', 'project not found');
  const tags = new Set<string>();
  for (const raw of await distinctCheckTags(deps.store.db, projectId)) for (const tag of tagsList(raw)) tags.add(tag);
  tags.delete(ALL_CHECKS_TAG);
  const ordered = [...tags].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const badges: Record<string, BadgeUrls> = {};
  for (const tag of [...ordered, ALL_CHECKS_TAG]) {
    badges[tag] = badgeUrlsOf(deps.config.siteRoot, deps.secretKey, project.badgeKey, tag);
  }
  return badges;
}
