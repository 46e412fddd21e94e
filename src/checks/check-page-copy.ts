import { requireWrite } from '../accounts/project-access.js';
import type { Deps } from '../deps.js';
import type { CheckChanges } from '../domain/check-changes.js';
import { channelCodesByCheck } from '../store/check-channels.js';
import { callerFor, type ProjectCheck } from './check-page-access.js';
import { createCheck } from './create-check.js';

/**
 * "Create a copy" (spec §12): a new check in the same project with the same schedule, filters
 * and integrations, named `<name> (copy)`. It gets no slug (two checks with one slug make slug
 * pings ambiguous) and none of the history. The same check limit as any new check. Its UUID.
 */
export async function copyCheck(deps: Pick<Deps, 'store' | 'clock' | 'config'>, page: ProjectCheck): Promise<string> {
  requireWrite(page.project);
  const c = page.check;
  const channels = (await channelCodesByCheck(deps.store.db, { checkId: c.id })).get(c.id) ?? [];
  const changes: CheckChanges = {
    name: `${c.name || 'unnamed'} (copy)`.slice(0, 100),
    slug: '',
    tags: c.tags,
    desc: c.desc,
    timeoutSeconds: c.timeoutSeconds,
    graceSeconds: c.graceSeconds,
    ...(c.kind === 'simple' ? {} : { schedule: { expr: c.schedule, kind: c.kind } }),
    tz: c.tz,
    manualResume: c.manualResume,
    methods: c.methods === 'POST' ? 'POST' : '',
    startKw: c.startKw,
    successKw: c.successKw,
    failureKw: c.failureKw,
    filterSubject: c.filterSubject,
    filterBody: c.filterBody,
    filterHttpBody: c.filterHttpBody,
    filterDefaultFail: c.filterDefaultFail,
    channels: channels.join(','),
    unique: [],
  };
  const { check } = await createCheck(deps, callerFor(page.project), changes, 3);
  return check.code;
}
