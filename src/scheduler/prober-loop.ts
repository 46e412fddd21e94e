import type { Deps } from '../deps.js';
import { runDueProbes } from '../probes/run-due-probes.js';

const TICK_MS = 1_000;

export interface ProberLoop {
  stop(): Promise<void>;
}

/** Runs the prober's passes a second apart; timing only (what a probe means lives in probes/). */
export function startProberLoop(deps: Pick<Deps, 'store' | 'clock' | 'log' | 'config'>): ProberLoop {
  const log = deps.log.child({ component: 'prober' });
  let stopped = false;
  let wake: (() => void) | null = null;
  const done = (async () => {
    while (!stopped) {
      try {
        await runDueProbes(deps);
      } catch (error) {
        log.error({ err: error }, 'probe pass failed');
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, TICK_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await done;
    },
  };
}
