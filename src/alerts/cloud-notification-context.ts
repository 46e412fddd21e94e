import { calyptiaCheckJson, rfc3339 } from '../cloud/cloud-json.js';
import { PING_INTERVAL_MS, PING_SLACK_MS } from '../cloud/core-instances.js';
import { checkFlipStatus, coreInstanceFlipStatus } from '../domain/cloud-status.js';
import { uniqueKey } from '../domain/unique-key.js';
import type { LastPing, NotificationContext, NotifiedCheck } from '../integrations/notification-context.js';
import { findCloudFlip, previousCloudFlip, type CloudFlip } from '../store/cloud-flips.js';
import {
  cloudCheckFacts,
  coreInstanceFacts,
  type CloudCheckFacts,
  type CoreInstanceFacts,
} from '../store/cloud-notification-facts.js';
import { projectDisplay } from '../store/notification-facts.js';
import type { ClaimedNotification } from '../store/notification-queue.js';
import type { Deps } from '../deps.js';

/** The Cloud resource worded as a check, so every transport words it without knowing the difference. */
interface Subject {
  check: Omit<NotifiedCheck, 'detailsPath'>;
  coreInstanceId: string;
  /** The last probe or heartbeat, shown where messages show a check's last ping. */
  lastSignal: LastPing | null;
}

function signal(at: number | null, ok: boolean): LastPing | null {
  if (at === null) return null;
  return {
    n: 0,
    at,
    kind: ok ? 'success' : 'fail',
    exitStatus: null,
    scheme: 'http',
    remoteAddr: null,
    method: 'POST',
    ua: '',
    body: null,
  };
}

/** `edge-1: TCP db.internal:5432`, or `edge-1/ingest: UDP …` for a pipeline's check. */
function checkSubject(c: CloudCheckFacts): Subject {
  const owner = c.pipelineName === null ? c.coreInstanceName : `${c.coreInstanceName}/${c.pipelineName}`;
  return {
    coreInstanceId: c.coreInstanceId,
    lastSignal: signal(c.lastProbeAt, c.lastResult === 'ok'),
    check: {
      code: c.id,
      name: `${owner}: ${c.protocol.toUpperCase()} ${c.host}:${c.port}`,
      slug: '',
      tags: c.tags.join(' '),
      desc: `A ${c.protocol.toUpperCase()} port check ${c.pipelineName === null ? 'of core instance' : `of pipeline "${c.pipelineName}" on`} "${c.coreInstanceName}".`,
      kind: 'simple',
      timeoutSeconds: c.intervalSeconds,
      graceSeconds: 0,
      schedule: '',
      tz: 'UTC',
      status: checkFlipStatus(c.alertStatus),
      nPings: 0,
      uniqueKey: uniqueKey(c.id),
      // the webhook's $JSON: the check as the Cloud API shows it
      json: calyptiaCheckJson(c),
    },
  };
}

function coreInstanceSubject(ci: CoreInstanceFacts): Subject {
  return {
    coreInstanceId: ci.id,
    lastSignal: signal(ci.lastPingAt, true),
    check: {
      code: ci.id,
      name: `core instance ${ci.name}`,
      slug: '',
      tags: ci.tags.join(' '),
      desc: `The heartbeat of core instance "${ci.name}" (${ci.version || 'unknown version'}).`,
      kind: 'simple',
      timeoutSeconds: PING_INTERVAL_MS / 1000,
      graceSeconds: PING_SLACK_MS / 1000,
      schedule: '',
      tz: 'UTC',
      status: coreInstanceFlipStatus(ci.alertStatus as 'waiting' | 'running' | 'unreachable'),
      nPings: 0,
      uniqueKey: uniqueKey(ci.id),
      json: {
        id: ci.id,
        name: ci.name,
        version: ci.version,
        tags: ci.tags,
        createdAt: rfc3339(ci.createdAt),
        updatedAt: rfc3339(ci.updatedAt),
      },
    },
  };
}

async function subjectOf(deps: Pick<Deps, 'store'>, flip: CloudFlip): Promise<Subject | null> {
  if ('cloudCheckId' in flip.subject) {
    const facts = await cloudCheckFacts(deps.store.db, flip.subject.cloudCheckId);
    return facts && checkSubject(facts);
  }
  const facts = await coreInstanceFacts(deps.store.db, flip.subject.coreInstanceId);
  return facts && coreInstanceSubject(facts);
}

/**
 * What a Cloud flip's notification is worded from: the check or core instance presented as a
 * check, the flip's own reason (the probe's error) in words, and a link to its dashboard page.
 * Null when it is gone.
 */
export async function buildCloudNotificationContext(
  deps: Pick<Deps, 'store'>,
  claim: ClaimedNotification & { cloudFlipId: number },
  now: number,
): Promise<NotificationContext | null> {
  const flip = await findCloudFlip(deps.store.db, claim.cloudFlipId);
  if (!flip) return null;
  const [subject, previous, project] = await Promise.all([
    subjectOf(deps, flip),
    claim.checkStatus === 'up' ? previousCloudFlip(deps.store.db, flip) : Promise.resolve(undefined),
    projectDisplay(deps.store.db, flip.projectId),
  ]);
  if (!subject || !project) return null;
  return {
    notificationCode: claim.code,
    status: claim.checkStatus,
    flip: { at: flip.at, oldStatus: flip.oldStatus, reason: '', ...(flip.reason ? { detail: flip.reason } : {}) },
    check: { ...subject.check, detailsPath: `/projects/${project.code}/cloud/${subject.coreInstanceId}/` },
    channel: { code: claim.channel.code, name: claim.channel.name },
    project,
    lastPing: subject.lastSignal,
    downtimeMs: previous?.newStatus === 'down' ? flip.at - previous.at : null,
    otherChecks: null,
    test: false,
    now,
  };
}
