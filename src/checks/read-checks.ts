import type { ApiCaller } from '../accounts/authenticate-api-key.js';
import type { Deps } from '../deps.js';
import type { Check } from '../domain/check.js';
import { tagsList } from '../domain/tags.js';
import { uniqueKey } from '../domain/unique-key.js';
import { AppError } from '../lib/app-error.js';
import { CANONICAL_UUID } from '../lib/ids.js';
import { channelCodesByCheck } from '../store/check-channels.js';
import { findCheckByCode } from '../store/checks.js';
import { readProjectChecks } from '../store/project-check-list.js';

export interface CheckWithChannels extends Check {
  /** Assigned channel UUIDs (the API's `channels`). */
  channelCodes: string[];
}

/** Adds the channel UUIDs; the whole project's assignments are read at once for a list. */
async function withChannels(
  deps: Pick<Deps, 'store'>,
  checks: Check[],
  scope: { projectId: number } | { checkId: number },
): Promise<CheckWithChannels[]> {
  const codes = await channelCodesByCheck(deps.store.db, scope);
  // Assigned in place, not spread: a list maps thousands of checks, and each is fresh.
  return checks.map((c) => Object.assign(c, { channelCodes: codes.get(c.id) ?? [] }));
}

/** Spec §4.5: `tag` (all must match, whole tags only) and `slug` (exact; empty ignored). */
export async function listChecks(
  deps: Pick<Deps, 'store'>,
  caller: ApiCaller,
  filters: { tags: string[]; slug: string | undefined },
): Promise<CheckWithChannels[]> {
  const checks = (await readProjectChecks(deps.store, caller.projectId)).filter((check) => {
    if (filters.slug && check.slug !== filters.slug) return false;
    const tags = tagsList(check.tags);
    return filters.tags.every((tag) => tags.includes(tag));
  });
  return withChannels(deps, checks, { projectId: caller.projectId });
}

/** `<unique_key>` in a path: 40 characters of Healthchecks' loose `[A-z0-9]` pattern. */
export const UNIQUE_KEY = /^[A-z0-9]{40}$/;

/**
 * Spec §4.6: by UUID anywhere (another project's check is `forbidden`, answered 403 as the
 * Healthchecks API does), or by unique key within the caller's project only.
 */
export async function getCheck(deps: Pick<Deps, 'store'>, caller: ApiCaller, idOrKey: string): Promise<CheckWithChannels> {
  if (CANONICAL_UUID.test(idOrKey)) {
    const check = await findCheckByCode(deps.store.db, idOrKey);
    if (!check) throw new AppError('not_found', 'check not found');
    if (check.projectId !== caller.projectId) throw new AppError('forbidden', '');
    return (await withChannels(deps, [check], { checkId: check.id }))[0]!;
  }
  if (UNIQUE_KEY.test(idOrKey)) {
    const check = (await readProjectChecks(deps.store, caller.projectId)).find((c) => uniqueKey(c.code) === idOrKey);
    if (check) return (await withChannels(deps, [check], { checkId: check.id }))[0]!;
  }
  throw new AppError('not_found', 'check not found', { explicit: true });
}
