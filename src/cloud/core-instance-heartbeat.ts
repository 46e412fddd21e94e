import type { Deps } from '../deps.js';
import { AppError } from '../lib/app-error.js';
import { recordCoreInstancePing } from '../store/cloud-core-instances.js';
import { moveHeartbeatStatus, silentCoreInstances, type HeartbeatStatus } from '../store/cloud-heartbeats.js';
import { PING_INTERVAL_MS, PING_SLACK_MS } from './core-instances.js';

type HeartbeatDeps = Pick<Deps, 'store' | 'clock' | 'log'>;

const BATCH = 100;
const SILENCE_SECONDS = (PING_INTERVAL_MS + PING_SLACK_MS) / 1000;

/**
 * The core instance's heartbeat (`POST /v1/aggregators/{id}/ping`); answers when to ping next.
 * Its first ping is silent (`waiting` → `running`, like a heartbeat check's `new` → `up`); a
 * ping after it went `unreachable` is a recovery, and notifies.
 */
export async function pingCoreInstance(deps: HeartbeatDeps, projectId: number, id: string): Promise<number> {
  const now = deps.clock.now();
  const alertStatus = await recordCoreInstancePing(deps.store.db, projectId, id, now);
  if (alertStatus === null) throw new AppError('not_found', 'core instance not found');
  if (alertStatus !== 'running') {
    // another node's ping may record the same recovery first; its flip is the one
    await moveHeartbeatStatus(deps.store, { id, projectId }, alertStatus as HeartbeatStatus, 'running', now, '');
  }
  return PING_INTERVAL_MS;
}

/**
 * Marks core instances that stopped pinging `unreachable` (no ping for 35 s: the 30 s interval
 * they are told plus 5 s of slack), each with a flip that notifies the project's integrations.
 * Any number of nodes may run it: the move is a compare-and-set. Returns how many it marked.
 */
export async function detectSilentCoreInstances(deps: HeartbeatDeps): Promise<number> {
  const now = deps.clock.now();
  let marked = 0;
  for (const instance of await silentCoreInstances(deps.store.db, now - PING_INTERVAL_MS - PING_SLACK_MS - 1, BATCH)) {
    const reason = `no ping from the core instance for more than ${SILENCE_SECONDS} seconds`;
    if (await moveHeartbeatStatus(deps.store, instance, 'running', 'unreachable', now, reason)) {
      marked++;
      deps.log.info({ coreInstance: instance.id }, 'core instance unreachable');
    }
  }
  return marked;
}
