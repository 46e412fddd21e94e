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
import { syncPortProbe } from './port-probe.js';

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
    // one transaction: a port is never left without the check its probe asks for, nor the reverse
    return await deps.store.db.transaction().execute(async (tx) => {
      await insertPipelinePort(tx, { ...input, kind, id, projectId, pipelineId, now });
      await syncPortProbe(tx, projectId, id, now);
      const created = await findPipelinePort(tx, projectId, id);
      if (!created) throw new AppError('not_found', 'pipeline port not found');
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw inUse(input.protocol, input.frontendPort);
    throw error;
  }
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
  const now = deps.clock.now();
  try {
    // the write locks the port row, so the sync sees the port as this write left it
    await deps.store.db.transaction().execute(async (tx) => {
      if (!(await updatePipelinePort(tx, projectId, id, changes, now)))
        throw new AppError('not_found', 'pipeline port not found');
      await syncPortProbe(tx, projectId, id, now);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw inUse(changes.protocol ?? port.protocol, Number(changes.frontend_port ?? port.frontendPort));
    throw error;
  }
}

/** Its following check goes with it (the foreign key cascades). */
export async function removePipelinePort(deps: CloudDeps, projectId: number, id: string): Promise<void> {
  await requirePipelinePort(deps, projectId, id);
  await deletePipelinePort(deps.store.db, id);
}
