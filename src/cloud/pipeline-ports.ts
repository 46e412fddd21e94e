import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { newUuid } from '../lib/ids.js';
import { isUniqueViolation, type Page, type PageRequest } from '../store/cloud-page.js';
import {
  deletePipelinePort,
  findPipelinePort,
  insertPipelinePort,
  listPipelinePorts,
  updatePipelinePort,
  type NewPipelinePort,
  type PipelinePortChanges,
  type PipelinePortRecord,
} from '../store/cloud-ports.js';
import { requirePipeline } from './pipelines.js';

type CloudDeps = Pick<Deps, 'store' | 'clock'>;

export type PipelinePortInput = Omit<NewPipelinePort, 'id' | 'projectId' | 'pipelineId' | 'now' | 'kind'> & {
  kind: string | null;
};

function inUse(protocol: string, port: number): AppError {
  return new AppError('conflict', 'pipeline port already in use', { detail: `protocol ${protocol}, port ${port}` });
}

export async function createPipelinePort(
  deps: CloudDeps,
  projectId: number,
  pipelineId: string,
  input: PipelinePortInput,
): Promise<PipelinePortRecord> {
  const pipeline = await requirePipeline(deps, projectId, pipelineId);
  const id = newUuid();
  const now = deps.clock.now();
  // A deprecated per-port kind still wins; otherwise the pipeline's portKind (spec §4.2).
  const kind = input.kind ?? pipeline.portKind;
  try {
    await insertPipelinePort(deps.store.db, { ...input, kind, id, projectId, pipelineId, now });
  } catch (error) {
    if (isUniqueViolation(error)) throw inUse(input.protocol, input.frontendPort);
    throw error;
  }
  return {
    id,
    pipelineId,
    protocol: input.protocol,
    kind,
    frontendPort: input.frontendPort,
    backendPort: input.backendPort,
    endpoint: input.endpoint,
    pluginId: null,
    pluginName: null,
    pluginAlias: null,
    createdAt: now,
    updatedAt: now,
  };
}

export async function requirePipelinePort(deps: CloudDeps, projectId: number, id: string): Promise<PipelinePortRecord> {
  const found = await findPipelinePort(deps.store.db, projectId, id);
  if (!found) throw new AppError('not_found', 'pipeline port not found');
  return found;
}

export async function listPortsOfPipeline(
  deps: CloudDeps,
  projectId: number,
  pipelineId: string,
  page: PageRequest,
): Promise<Page<PipelinePortRecord>> {
  await requirePipeline(deps, projectId, pipelineId);
  return listPipelinePorts(deps.store.db, pipelineId, page);
}

export async function changePipelinePort(
  deps: CloudDeps,
  projectId: number,
  id: string,
  changes: PipelinePortChanges,
): Promise<void> {
  const port = await requirePipelinePort(deps, projectId, id);
  try {
    await updatePipelinePort(deps.store.db, id, changes, deps.clock.now());
  } catch (error) {
    if (isUniqueViolation(error))
      throw inUse(changes.protocol ?? port.protocol, Number(changes.frontend_port ?? port.frontendPort));
    throw error;
  }
}

export async function removePipelinePort(deps: CloudDeps, projectId: number, id: string): Promise<void> {
  await requirePipelinePort(deps, projectId, id);
  await deletePipelinePort(deps.store.db, id);
}
