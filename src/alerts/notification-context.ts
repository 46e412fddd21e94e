import { checkJson } from '../checks/check-json.js';
import type { Deps } from '../deps.js';
import { buildCloudNotificationContext } from './cloud-notification-context.js';
import type { Check } from '../domain/check.js';
import { uniqueKey } from '../domain/unique-key.js';
import type { LastPing, NotificationContext, NotifiedCheck, PingKind } from '../integrations/notification-context.js';
import { channelCodesByCheck } from '../store/check-channels.js';
import type { ClaimedNotification } from '../store/notification-queue.js';
import {
  findCheckById,
  findFlipById,
  lastPingAtOrBefore,
  previousFlip,
  otherChecksOfProject,
  projectDisplay,
  type PingFacts,
} from '../store/notification-facts.js';

const byNaturalName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function notifiedCheck(check: Check, channelCodes: string[], deps: Pick<Deps, 'config'>, now: number): NotifiedCheck {
  return {
    code: check.code,
    name: check.name,
    slug: check.slug,
    tags: check.tags,
    desc: check.desc,
    kind: check.kind,
    timeoutSeconds: check.timeoutSeconds,
    graceSeconds: check.graceSeconds,
    schedule: check.schedule,
    tz: check.tz,
    status: check.status,
    nPings: check.nPings,
    uniqueKey: uniqueKey(check.code),
    json: checkJson({ ...check, channelCodes }, { version: 3, readOnly: false, now, config: deps.config }),
  };
}

function lastPing(facts: PingFacts | null): LastPing | null {
  return facts && { ...facts, kind: facts.kind as PingKind };
}

/**
 * Gathers what a flip's notification is worded from. Null when its check is gone (the
 * notification then reports `Channel or check does not exist any more`, spec §9.1 step 2).
 */
export async function buildNotificationContext(
  deps: Pick<Deps, 'store' | 'config'>,
  claim: ClaimedNotification,
  now: number,
): Promise<NotificationContext | null> {
  const db = deps.store.db;
  if (claim.cloudFlipId !== null) return buildCloudNotificationContext(deps, { ...claim, cloudFlipId: claim.cloudFlipId }, now);
  if (claim.checkId === null) return null;
  const check = await findCheckById(db, claim.checkId);
  if (!check) return null;
  const flip = (claim.flipId !== null ? await findFlipById(db, claim.flipId) : null) ?? {
    id: 0,
    at: claim.createdAt,
    oldStatus: check.status,
    reason: '' as const,
  };
  const [codes, ping, previous, siblings, project] = await Promise.all([
    channelCodesByCheck(db, { checkId: check.id }),
    lastPingAtOrBefore(db, check.id, flip.at),
    claim.checkStatus === 'up' ? previousFlip(db, check.id, flip) : Promise.resolve(null),
    otherChecksOfProject(db, check.projectId, check.id, 10),
    projectDisplay(db, check.projectId),
  ]);
  const down = siblings.down.sort((a, b) => byNaturalName.compare(a.name || a.code, b.name || b.code));
  return {
    notificationCode: claim.code,
    status: claim.checkStatus,
    flip: { at: flip.at, oldStatus: flip.oldStatus, reason: flip.reason },
    check: notifiedCheck(check, codes.get(check.id) ?? [], deps, now),
    channel: { code: claim.channel.code, name: claim.channel.name },
    project: project ?? { code: '', name: '' },
    lastPing: lastPing(ping),
    downtimeMs: previous?.newStatus === 'down' ? flip.at - previous.at : null,
    otherChecks: siblings.any ? { downCount: siblings.downCount, down } : null,
    test: false,
    now,
  };
}
