import type { ApiCaller } from '../accounts/authenticate-api-key.js';
import type { Deps } from '../deps.js';
import { applyCheckChanges, NEW_CHECK_FIELDS } from '../domain/apply-check-changes.js';
import type { Check } from '../domain/check.js';
import type { CheckChanges } from '../domain/check-changes.js';
import { AppError } from '../lib/app-error.js';
import { newUuid } from '../lib/ids.js';
import { countChecksOwnedBy } from '../store/checks.js';
import { readProjectChecks } from '../store/project-check-list.js';
import { insertCheckWithFields, replaceCheckChannels } from '../store/check-writes.js';
import { findProjectById } from '../store/projects.js';
import { findUserById } from '../store/users.js';
import { getCheck, type CheckWithChannels } from './read-checks.js';
import { resolveChannels } from './resolve-channels.js';
import { applyChangesTo } from './update-check.js';

/** `unique` upsert (spec §4.7): the oldest check whose listed fields equal the request's. */
async function findUniqueMatch(deps: Pick<Deps, 'store'>, projectId: number, changes: CheckChanges): Promise<Check | undefined> {
  const wanted: Record<string, unknown> = {
    name: changes.name,
    slug: changes.slug,
    tags: changes.tags,
    timeout: changes.timeoutSeconds,
    grace: changes.graceSeconds,
  };
  if (changes.unique.length === 0 || changes.unique.some((field) => wanted[field] === undefined)) return undefined;
  const actual = (c: Check): Record<string, unknown> => ({
    name: c.name,
    slug: c.slug,
    tags: c.tags,
    timeout: c.timeoutSeconds,
    grace: c.graceSeconds,
  });
  return (await readProjectChecks(deps.store, projectId)).find((c) =>
    changes.unique.every((field) => actual(c)[field] === wanted[field]),
  );
}

/** `POST checks/` (spec §4.7): created (201) or, with `unique`, the matching check updated (200). */
export async function createCheck(
  deps: Pick<Deps, 'store' | 'clock' | 'config'>,
  caller: ApiCaller,
  changes: CheckChanges,
  apiVersion: 1 | 2 | 3,
): Promise<{ check: CheckWithChannels; created: boolean }> {
  const existing = await findUniqueMatch(deps, caller.projectId, changes);
  if (existing) {
    await applyChangesTo(deps, existing, changes, apiVersion);
    return { check: await getCheck(deps, caller, existing.code), created: false };
  }
  const project = await findProjectById(deps.store.db, caller.projectId);
  if (!project) throw new AppError('unauthorized', 'wrong api key');
  const owner = await findUserById(deps.store.db, project.ownerId);
  const limit = owner?.checkLimit ?? deps.config.checkLimit;
  if ((await countChecksOwnedBy(deps.store.db, project.ownerId)) >= limit) throw new AppError('forbidden', 'check limit reached');
  const channelIds = changes.channels === undefined ? [] : await resolveChannels(deps, caller.projectId, changes.channels);
  const code = newUuid();
  const fields = applyCheckChanges(NEW_CHECK_FIELDS, changes, apiVersion);
  await deps.store.db.transaction().execute(async (tx) => {
    const id = await insertCheckWithFields(tx, {
      code,
      projectId: caller.projectId,
      badgeKey: newUuid(),
      createdAt: deps.clock.now(),
      fields,
    });
    await replaceCheckChannels(tx, id, channelIds);
  });
  return { check: await getCheck(deps, caller, code), created: true };
}
