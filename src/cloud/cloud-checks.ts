import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { newUuid } from '../lib/ids.js';
import {
  deleteCloudCheck,
  findCloudCheck,
  insertCloudCheck,
  listCloudChecks,
  updateCloudCheck,
  type CloudCheckChanges,
  type CloudCheckRecord,
} from '../store/cloud-checks.js';
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

export interface CheckInput {
  protocol: string;
  host: string;
  port: number;
  status: string;
  retries: number;
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

/**
 * Any valid status is accepted, as Calyptia's server does. A PATCH of `status` comes from an agent
 * (or a person acting for one): from then on the check is agent-managed and our prober leaves it
 * alone (DESIGN.md). Moving host, port or protocol without a status asks for a fresh run: `new`.
 */
export async function changeCloudCheck(
  deps: CloudDeps,
  projectId: number,
  kind: CheckParentKind,
  id: string,
  changes: CheckChanges,
): Promise<void> {
  const check = await requireCloudCheck(deps, projectId, kind, id);
  const update: CloudCheckChanges = {};
  if (changes.protocol !== undefined) update.protocol = changes.protocol;
  if (changes.host !== undefined) update.host = changes.host;
  if (changes.port !== undefined) update.port = changes.port;
  if (changes.retries !== undefined) update.retries = changes.retries;
  const target =
    (changes.protocol !== undefined && changes.protocol !== check.protocol) ||
    (changes.host !== undefined && changes.host !== check.host) ||
    (changes.port !== undefined && changes.port !== check.port);
  if (changes.status !== undefined) {
    update.status = changes.status;
    update.agent_managed = 1;
    update.claimed_at = null;
  } else if (target) {
    update.status = 'new';
    update.claimed_at = null;
  }
  if (Object.keys(update).length === 0) return;
  try {
    await updateCloudCheck(deps.store.db, id, update, deps.clock.now());
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'pipeline check already exists');
    throw error;
  }
}

export async function removeCloudCheck(deps: CloudDeps, projectId: number, kind: CheckParentKind, id: string): Promise<void> {
  await requireCloudCheck(deps, projectId, kind, id);
  await deleteCloudCheck(deps.store.db, id);
}
