import type { Deps } from '../deps.js';
import { checkFlipStatus, isSettled } from '../domain/cloud-status.js';
import { AppError } from '../lib/app-error.js';
import { newUuid } from '../lib/ids.js';
import {
  deleteCloudCheck,
  findCloudCheck,
  findCloudCheckOfProject,
  insertCloudCheck,
  listCloudChecks,
  updateCloudCheck,
  updateCloudCheckIfUnchanged,
  type CloudCheckChanges,
  type CloudCheckRecord,
} from '../store/cloud-checks.js';
import type { NewCloudFlip } from '../store/cloud-flips.js';
import { isUniqueViolation, type Page, type PageRequest } from '../store/cloud-page.js';
import { requireCoreInstance } from './core-instances.js';
import { requirePipeline } from './pipelines.js';

type CloudDeps = Pick<Deps, 'store' | 'clock'>;

/** Core instance checks and pipeline checks: one behaviour, two sets of routes and error texts. */
export type CheckParentKind = 'core_instance' | 'pipeline';

export const CHECK_NOUN: Record<CheckParentKind, string> = {
  core_instance: 'core instance check',
  pipeline: 'pipeline check',
};

/** Watchpost extension (spec §7): seconds between probes, a minute unless asked otherwise. */
export const DEFAULT_CHECK_INTERVAL = 60;
export const CHECK_INTERVAL_RANGE = { min: 10, max: 86_400 } as const;

export interface CheckInput {
  protocol: string;
  host: string;
  port: number;
  status: string;
  retries: number;
  /** Seconds between probes. */
  interval: number;
  /** UDP only: the datagram sent, and the text a reply must contain (null: none). */
  payload: string | null;
  expect: string | null;
}

export async function createCloudCheck(
  deps: CloudDeps,
  projectId: number,
  kind: CheckParentKind,
  parentId: string,
  input: CheckInput,
): Promise<{ id: string; createdAt: number }> {
  if (kind === 'core_instance') await requireCoreInstance(deps, projectId, parentId);
  else await requirePipeline(deps, projectId, parentId);
  const id = newUuid();
  const now = deps.clock.now();
  try {
    await insertCloudCheck(deps.store.db, {
      ...input,
      id,
      projectId,
      parent: kind === 'core_instance' ? { coreInstanceId: parentId } : { pipelineId: parentId },
      intervalSeconds: input.interval,
      // a client that creates a check with its result already is an agent reporting it
      agentManaged: input.status !== 'new',
      now,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'pipeline check already exists');
    throw error;
  }
  return { id, createdAt: now };
}

export async function requireCloudCheck(
  deps: CloudDeps,
  projectId: number,
  kind: CheckParentKind,
  id: string,
): Promise<CloudCheckRecord> {
  const found = await findCloudCheck(deps.store.db, projectId, id, kind);
  if (!found) throw new AppError('not_found', `${CHECK_NOUN[kind]} not found`);
  return found;
}

export async function listChecksOf(
  deps: CloudDeps,
  projectId: number,
  kind: CheckParentKind,
  parentId: string,
  page: PageRequest,
): Promise<Page<CloudCheckRecord>> {
  if (kind === 'core_instance') await requireCoreInstance(deps, projectId, parentId);
  else await requirePipeline(deps, projectId, parentId);
  return listCloudChecks(deps.store.db, kind === 'core_instance' ? { coreInstanceId: parentId } : { pipelineId: parentId }, page);
}

export type CheckChanges = Partial<CheckInput>;

/** What a PATCH writes, decided on the check as read; its flip when a result settles differently. */
function planChange(check: CloudCheckRecord, changes: CheckChanges, now: number) {
  const update: CloudCheckChanges & { alert_status?: string } = {};
  if (changes.protocol !== undefined) update.protocol = changes.protocol;
  if (changes.host !== undefined) update.host = changes.host;
  if (changes.port !== undefined) update.port = changes.port;
  if (changes.retries !== undefined) update.retries = changes.retries;
  // "" clears them (null leaves a field unchanged on PATCH)
  if (changes.payload !== undefined) update.payload = changes.payload || null;
  if (changes.expect !== undefined) update.expect = changes.expect || null;
  if (changes.interval !== undefined) {
    update.interval_seconds = changes.interval;
    // a finished probe of ours is due again on the new interval, not the old one
    if (check.nextProbeAt !== null && check.claimedAt === null && check.lastProbeAt !== null)
      update.next_probe_at = check.lastProbeAt + changes.interval * 1000;
  }
  const moved =
    (changes.protocol !== undefined && changes.protocol !== check.protocol) ||
    (changes.host !== undefined && changes.host !== check.host) ||
    (changes.port !== undefined && changes.port !== check.port);
  let flip: NewCloudFlip | null = null;
  if (changes.status !== undefined) {
    Object.assign(update, { status: changes.status, agent_managed: 1, claimed_at: null, next_probe_at: null });
    if (isSettled(changes.status) && changes.status !== check.alertStatus) {
      update.alert_status = changes.status;
      flip = {
        projectId: check.projectId,
        subject: { cloudCheckId: check.id },
        at: now,
        oldStatus: checkFlipStatus(check.alertStatus),
        newStatus: checkFlipStatus(changes.status),
        reason: changes.status === 'failed' ? 'An agent reported the check failed' : '',
      };
    }
  } else if (moved) {
    Object.assign(update, { status: 'new', claimed_at: null });
    if (!check.agentManaged) update.next_probe_at = now;
  }
  return { update, flip };
}

/**
 * Any valid status is accepted, as Calyptia's server does. A PATCH of `status` comes from an agent
 * (or a person acting for one): from then on the check is agent-managed and our prober leaves it
 * alone (DESIGN.md), and a result that differs from the last one alerted on is a flip, exactly as
 * a probe's would be. Moving host, port or protocol without a status asks for a fresh run: `new`.
 */
export async function changeCloudCheck(
  deps: CloudDeps,
  projectId: number,
  kind: CheckParentKind,
  id: string,
  changes: CheckChanges,
): Promise<void> {
  // A prober or another PATCH may write the check between our read and our write: decide again.
  for (let attempt = 0; attempt < 10; attempt++) {
    const check = await requireCloudCheck(deps, projectId, kind, id);
    const now = deps.clock.now();
    const { update, flip } = planChange(check, changes, now);
    if (Object.keys(update).length === 0) return;
    try {
      if (await updateCloudCheckIfUnchanged(deps.store, check, update, now, flip)) return;
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict', 'pipeline check already exists');
      throw error;
    }
  }
  throw new AppError('conflict', `${CHECK_NOUN[kind]} changed meanwhile, try again`);
}

export async function removeCloudCheck(deps: CloudDeps, projectId: number, kind: CheckParentKind, id: string): Promise<void> {
  await requireCloudCheck(deps, projectId, kind, id);
  await deleteCloudCheck(deps.store.db, id);
}

/**
 * "Probe again" from the dashboard: back to `new`, due at once, and probed by Watchpost again
 * even if an agent managed it (a person asked for Watchpost's own answer).
 */
export async function rerunCloudCheck(deps: CloudDeps, projectId: number, id: string): Promise<void> {
  const check = await findCloudCheckOfProject(deps.store.db, projectId, id);
  if (!check) throw new AppError('not_found', 'check not found');
  const now = deps.clock.now();
  await updateCloudCheck(deps.store.db, id, { status: 'new', agent_managed: 0, claimed_at: null, next_probe_at: now }, now);
}
