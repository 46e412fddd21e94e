import type { Deps } from '../deps.js';
import { commitPingBatch, type PingTarget } from '../store/ping-batch.js';
import { decidePing, type PingAnswer, type PingPayload, type PingRequest } from './decide-ping.js';
import { groupCommitter } from './group-commit.js';
import { provisionCheck } from './provision-check.js';
import { makeHistoryPruner } from './history-pruner.js';

export type { PingAnswer, PingRequest };

export interface PingRecorder {
  record(request: PingRequest): Promise<PingAnswer>;
  /** Waits for the groups in flight: SIGTERM never drops an accepted ping. */
  drain(): Promise<void>;
}

export interface PingRecorderHooks {
  /** A ping set a check's `alert_after` (the detector re-arms when it is earlier). */
  onAlertAfter?(alertAfterMs: number): void;
  /** A ping changed a check's status: the alert pipeline has a flip to process. */
  onFlip?(): void;
}

export function makePingRecorder(deps: Deps, hooks: PingRecorderHooks = {}): PingRecorder {
  const { store, clock, config, log } = deps;
  const pruner = makeHistoryPruner(deps);
  const committer = groupCommitter(
    (items: Array<{ target: PingTarget; payload: PingPayload }>) => commitPingBatch(store, items, decidePing),
    {
      maxGroupSize: 512,
      // One group at a time. SQLite commits synchronously anyway. On PostgreSQL a second group
      // would be planned on the first one's uncommitted state: measured, it halved throughput on
      // a hot check, and it would need version tokens unique across speculative histories (two
      // plans made on one version both write "version + 1"). Pings waiting meanwhile simply
      // form the next, larger group.
      maxInFlight: 1,
    },
  );

  async function submit(request: PingRequest): Promise<PingAnswer> {
    const limit = request.keepWholeBody ? null : config.pingBodyLimitBytes;
    const body = limit !== null && request.body.length > limit ? request.body.subarray(0, limit) : request.body;
    const payload: PingPayload = { request, at: clock.now(), storedBody: body.length > 0 ? body : null };
    const result = await committer.submit({ target: request.target, payload });
    if (result.ok) {
      if (result.alertAfter !== null) hooks.onAlertAfter?.(result.alertAfter);
      if (result.flip) hooks.onFlip?.();
      pruner.afterPing(result.checkId, result.n);
      return 'ok';
    }
    if (result.error === 'unavailable') log.error({ err: result.cause }, 'ping not recorded: database unavailable');
    return result.error;
  }

  return {
    async record(request) {
      const { target } = request;
      if ('slug' in target && /[A-Z]/.test(target.slug)) return 'invalid_url';
      const answer = await submit(request);
      if (answer !== 'not_found' || !request.create || !('slug' in target)) return answer;
      const provisioned = await provisionCheck(deps, target.pingKey, target.slug);
      if (provisioned === 'refused') return 'not_found';
      const second = await submit(request);
      return second === 'ok' && provisioned === 'created' ? 'created' : second;
    },
    async drain() {
      await committer.drain();
      await pruner.drain();
    },
  };
}
