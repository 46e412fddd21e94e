import type { Deps } from '../deps.js';
import { isHost } from '../domain/is-host.js';
import { AppError } from '../lib/app-error.js';
import { newUuid } from '../lib/ids.js';
import { insertCloudCheck } from '../store/cloud-checks.js';
import {
  deletePortCheck,
  findPortCheck,
  retargetPortCheck,
  unlessUniqueViolation,
  type ProbeTarget,
  type Tx,
} from '../store/cloud-port-probes.js';
import { findPipelinePort, updatePipelinePort, type PipelinePortRecord } from '../store/cloud-ports.js';
import { DEFAULT_CHECK_INTERVAL } from './cloud-checks.js';

type CloudDeps = Pick<Deps, 'store' | 'clock'>;

/** The pipeline-check create schema's default (spec §3.4). */
const PORT_CHECK_RETRIES = 3;

/**
 * Whether a port wants a check following it (spec §7, "Pipeline ports as check sources"): it
 * opted in, has an endpoint (an empty one is "Pending" and must not alert), is not `ClusterIP`
 * (only an in-cluster agent can reach those) and its endpoint is a host a check can carry.
 */
export function portWantsProbe(port: Pick<PipelinePortRecord, 'probe' | 'endpoint' | 'kind'>): boolean {
  return port.probe && port.endpoint !== '' && port.kind !== 'ClusterIP' && isHost(port.endpoint);
}

const sameTarget = (a: ProbeTarget, b: ProbeTarget): boolean =>
  a.protocol === b.protocol && a.host === b.host && a.port === b.port;

/**
 * Moves the following check to `target`. If a pipeline check of the same pipeline already
 * probes that target (`cloud_checks_pipeline_unique`), that one answers for it and the port
 * follows no check, rather than failing the port write.
 */
async function retarget(tx: Tx, port: PipelinePortRecord, checkId: string, target: ProbeTarget, now: number): Promise<void> {
  if (!(await unlessUniqueViolation(tx, () => retargetPortCheck(tx, checkId, target, now)))) await deletePortCheck(tx, port.id);
}

async function follow(tx: Tx, port: PipelinePortRecord, target: ProbeTarget, now: number): Promise<void> {
  const created = await unlessUniqueViolation(tx, () =>
    insertCloudCheck(tx, {
      id: newUuid(),
      projectId: port.projectId,
      parent: { pipelineId: port.pipelineId },
      portId: port.id,
      protocol: target.protocol,
      host: target.host,
      port: target.port,
      status: 'new',
      retries: PORT_CHECK_RETRIES,
      intervalSeconds: DEFAULT_CHECK_INTERVAL,
      now,
    }),
  );
  if (created) return;
  // Either another writer created the port's check first (`port_id` is unique): it follows the
  // port, so bring it to this write's target; or a pipeline check already probes the target and
  // the port follows none.
  const theirs = await findPortCheck(tx, port.id);
  if (theirs && !sameTarget(theirs, target)) await retarget(tx, port, theirs.id, target, now);
}

/**
 * Brings the port's following check in line with the port as it now stands: created, moved
 * (and reset to `new`) or deleted. Runs in the transaction that wrote the port, after that
 * write: the write locks the port row, so two nodes writing the same port sync one after the
 * other, each against the other's result.
 */
export async function syncPortProbe(tx: Tx, projectId: number, portId: string, now: number): Promise<void> {
  const port = await findPipelinePort(tx, projectId, portId);
  if (!port) return;
  const following = await findPortCheck(tx, port.id);
  if (!portWantsProbe(port)) {
    if (following) await deletePortCheck(tx, port.id);
    return;
  }
  const target = { protocol: port.protocol, host: port.endpoint, port: port.frontendPort };
  if (!following) await follow(tx, port, target, now);
  else if (!sameTarget(following, target)) await retarget(tx, port, following.id, target, now);
}

/** Turns the port's probe on or off (the API's `probe` field, the dashboard's switch). */
export async function setPortProbe(deps: CloudDeps, projectId: number, portId: string, probe: boolean): Promise<void> {
  const now = deps.clock.now();
  await deps.store.db.transaction().execute(async (tx) => {
    if (!(await updatePipelinePort(tx, projectId, portId, { probe: probe ? 1 : 0 }, now)))
      throw new AppError('not_found', 'pipeline port not found');
    await syncPortProbe(tx, projectId, portId, now);
  });
}
