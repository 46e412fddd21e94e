import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { newUuid } from '../lib/ids.js';
import { countPipelineChecks, type CheckCounts } from '../store/cloud-checks.js';
import { isUniqueViolation, type Page, type PageRequest } from '../store/cloud-page.js';
import {
  deletePipeline,
  findPipeline,
  insertPipeline,
  listPipelines,
  listPipelinesOfProject,
  updatePipeline,
  type NewPipeline,
  type PipelineChanges,
  type PipelineRecord,
} from '../store/cloud-pipelines.js';
import { requireCoreInstance } from './core-instances.js';

type CloudDeps = Pick<Deps, 'store' | 'clock'>;

export interface PipelineView extends PipelineRecord {
  checks: CheckCounts;
}

export type PipelineInput = Omit<NewPipeline, 'id' | 'projectId' | 'coreInstanceId' | 'now'>;

const NAME_TAKEN = 'pipeline name already exists';

export async function createPipeline(
  deps: CloudDeps,
  projectId: number,
  coreInstanceId: string,
  input: PipelineInput,
): Promise<{ id: string; name: string; createdAt: number }> {
  await requireCoreInstance(deps, projectId, coreInstanceId);
  const id = newUuid();
  const now = deps.clock.now();
  try {
    await insertPipeline(deps.store.db, { ...input, id, projectId, coreInstanceId, now });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', NAME_TAKEN);
    throw error;
  }
  return { id, name: input.name, createdAt: now };
}

export async function requirePipeline(deps: CloudDeps, projectId: number, id: string): Promise<PipelineRecord> {
  const found = await findPipeline(deps.store.db, projectId, id);
  if (!found) throw new AppError('not_found', 'pipeline not found');
  return found;
}

async function withCounts(deps: CloudDeps, records: PipelineRecord[]): Promise<PipelineView[]> {
  const counts = await countPipelineChecks(
    deps.store.db,
    records.map((r) => r.id),
  );
  return records.map((r) => ({ ...r, checks: counts.get(r.id) ?? { total: 0, ok: 0, running: 0 } }));
}

export async function getPipeline(deps: CloudDeps, projectId: number, id: string): Promise<PipelineView> {
  const [view] = await withCounts(deps, [await requirePipeline(deps, projectId, id)]);
  if (!view) throw new AppError('not_found', 'pipeline not found');
  return view;
}

export async function listCoreInstancePipelines(
  deps: CloudDeps,
  projectId: number,
  coreInstanceId: string,
  page: PageRequest,
): Promise<Page<PipelineView>> {
  await requireCoreInstance(deps, projectId, coreInstanceId);
  const found = await listPipelines(deps.store.db, coreInstanceId, page);
  return { items: await withCounts(deps, found.items), next: found.next };
}

/** `GET /v1/projects/{projectID}/pipelines` (spec §5.2): every core instance's, newest first. */
export async function listProjectPipelines(
  deps: CloudDeps,
  projectId: number,
  page: PageRequest,
  name: string | null,
): Promise<Page<PipelineView>> {
  const found = await listPipelinesOfProject(deps.store.db, projectId, page, name);
  return { items: await withCounts(deps, found.items), next: found.next };
}

export async function changePipeline(deps: CloudDeps, projectId: number, id: string, changes: PipelineChanges): Promise<void> {
  await requirePipeline(deps, projectId, id);
  try {
    await updatePipeline(deps.store.db, id, changes, deps.clock.now());
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', NAME_TAKEN);
    throw error;
  }
}

export async function removePipeline(deps: CloudDeps, projectId: number, id: string): Promise<void> {
  await requirePipeline(deps, projectId, id);
  await deletePipeline(deps.store.db, id);
}
