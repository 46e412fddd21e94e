import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { newUuid } from '../lib/ids.js';
import {
  countCoreInstances,
  deleteCoreInstance,
  findCoreInstance,
  insertCoreInstance,
  listCoreInstances,
  updateCoreInstance,
  type CoreInstanceChanges,
  type CoreInstanceRecord,
  type NewCoreInstance,
} from '../store/cloud-core-instances.js';
import { isUniqueViolation, type Page, type PageRequest } from '../store/cloud-page.js';
import { countPipelines } from '../store/cloud-pipelines.js';
import { findProjectById } from '../store/projects.js';

type CloudDeps = Pick<Deps, 'store' | 'clock'>;

/** The interval a core instance is told to ping at; 5 s of slack before it counts as unreachable. */
export const PING_INTERVAL_MS = 30_000;
export const PING_SLACK_MS = 5_000;

export type CoreInstanceStatus = 'running' | 'waiting' | 'unreachable';

export function coreInstanceStatus(lastPingAt: number | null, now: number): CoreInstanceStatus {
  if (lastPingAt === null) return 'waiting';
  return now - lastPingAt <= PING_INTERVAL_MS + PING_SLACK_MS ? 'running' : 'unreachable';
}

export interface CoreInstanceView extends CoreInstanceRecord {
  status: CoreInstanceStatus;
  pipelinesCount: number;
}

export type CoreInstanceInput = Omit<NewCoreInstance, 'id' | 'projectId' | 'now'>;

export async function createCoreInstance(
  deps: CloudDeps,
  projectId: number,
  input: CoreInstanceInput,
): Promise<{ id: string; name: string; createdAt: number }> {
  const id = newUuid();
  const now = deps.clock.now();
  try {
    await insertCoreInstance(deps.store.db, { ...input, id, projectId, now });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'aggregator name already exists');
    throw error;
  }
  return { id, name: input.name, createdAt: now };
}

/** Not-yours is not-found (spec §6.9). */
export async function requireCoreInstance(deps: CloudDeps, projectId: number, id: string): Promise<CoreInstanceRecord> {
  const found = await findCoreInstance(deps.store.db, projectId, id);
  if (!found) throw new AppError('not_found', 'core instance not found');
  return found;
}

async function withCounts(deps: CloudDeps, records: CoreInstanceRecord[]): Promise<CoreInstanceView[]> {
  const counts = await countPipelines(
    deps.store.db,
    records.map((r) => r.id),
  );
  const now = deps.clock.now();
  return records.map((r) => ({ ...r, status: coreInstanceStatus(r.lastPingAt, now), pipelinesCount: counts.get(r.id) ?? 0 }));
}

export async function getCoreInstance(deps: CloudDeps, projectId: number, id: string): Promise<CoreInstanceView> {
  const [view] = await withCounts(deps, [await requireCoreInstance(deps, projectId, id)]);
  if (!view) throw new AppError('not_found', 'core instance not found');
  return view;
}

export async function listProjectCoreInstances(
  deps: CloudDeps,
  projectId: number,
  page: PageRequest,
): Promise<Page<CoreInstanceView> & { count: number }> {
  const found = await listCoreInstances(deps.store.db, projectId, page);
  const count = await countCoreInstances(deps.store.db, projectId);
  return { items: await withCounts(deps, found.items), next: found.next, count };
}

export async function changeCoreInstance(
  deps: CloudDeps,
  projectId: number,
  id: string,
  changes: CoreInstanceChanges,
): Promise<void> {
  await requireCoreInstance(deps, projectId, id);
  try {
    await updateCoreInstance(deps.store.db, id, changes, deps.clock.now());
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'aggregator name already exists');
    throw error;
  }
}

export async function removeCoreInstance(deps: CloudDeps, projectId: number, id: string): Promise<void> {
  await requireCoreInstance(deps, projectId, id);
  await deleteCoreInstance(deps.store.db, id);
}

/** A project named in a path must be the caller's own; any other is not found. */
export async function requireOwnProject(deps: CloudDeps, projectId: number, projectCode: string): Promise<void> {
  const project = await findProjectById(deps.store.db, projectId);
  if (project?.code !== projectCode) throw new AppError('not_found', 'project not found');
}
