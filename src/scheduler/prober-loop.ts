import { detectSilentCoreInstances } from '../cloud/core-instance-heartbeat.js';
import type { Deps } from '../deps.js';
import { startDueProbes, type RunningProbe } from '../probes/run-due-probes.js';
import { repeatEvery } from './repeat-every.js';

const TICK_MS = 1_000;
/** Probes one node runs at once; slow targets (retries × 5 s) must not hold up the others. */
const MAX_IN_FLIGHT = 200;

export interface ProberLoop {
  stop(): Promise<void>;
}

/**
 * Every second: starts the due probes (without waiting for the ones still running) and marks
 * core instances that stopped pinging. Timing only; what a probe means lives in probes/. On
 * stop, claims of probes still running are given back, so another node probes those checks
 * at once instead of taking this node's shutdown for a failed probe.
 */
export function startProberLoop(deps: Pick<Deps, 'store' | 'clock' | 'log' | 'config'>): ProberLoop {
  const log = deps.log.child({ component: 'prober' });
  const running = new Set<RunningProbe>();
  const pass = async () => {
    const room = MAX_IN_FLIGHT - running.size;
    if (room > 0) {
      for (const probe of await startDueProbes(deps, room)) {
        running.add(probe);
        void probe.done.finally(() => running.delete(probe));
      }
    }
    await detectSilentCoreInstances(deps);
  };
  const loop = repeatEvery(TICK_MS, pass, (error) => log.error({ err: error }, 'probe pass failed'));
  return {
    async stop() {
      await loop.stop();
      await Promise.all(
        [...running].map((probe) => probe.release().catch((error: unknown) => log.warn({ err: error }, 'claim not released'))),
      );
    },
  };
}
