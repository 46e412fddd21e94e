import type { Deps } from '../deps.js';
import { claimProbe, findDueProbes, recordProbe, releaseProbe, type ProbeTask } from '../store/cloud-probes.js';
import { probeTcp } from './probe-tcp.js';
import { probeUdp } from './probe-udp.js';
import { probeWithRetries } from './probe-with-retries.js';

/** Per attempt. */
export const PROBE_TIMEOUT_MS = 5_000;
/** A claim this old belongs to a prober that died: the check is failed rather than left running. */
export const STUCK_MS = 5 * 60_000;
/**
 * Retries beyond this are not attempted: 21 attempts of 5 s stay well inside STUCK_MS, so a
 * probe in progress is never taken for a dead one (the API accepts up to 1000).
 */
export const MAX_RETRIES = 20;
const BATCH = 50;

type ProbeDeps = Pick<Deps, 'store' | 'clock' | 'log' | 'config'>;

async function probeOnce(deps: ProbeDeps, task: ProbeTask) {
  const options = { timeoutMs: PROBE_TIMEOUT_MS, allowPrivateIps: deps.config.integrationsAllowPrivateIps };
  const target = { host: task.host, port: task.port };
  const udp = {
    ...options,
    ...(task.payload !== null ? { payload: Buffer.from(task.payload) } : {}),
    ...(task.expect !== null ? { expect: Buffer.from(task.expect) } : {}),
  };
  const { result, attempts } = await probeWithRetries(
    () => (task.protocol === 'udp' ? probeUdp(target, udp) : probeTcp(target, options)),
    Math.min(task.retries, MAX_RETRIES),
  );
  return { ok: result.ok, error: result.ok ? null : result.error, attempts };
}

/** A probe this node claimed and is running; `release` gives the claim back. */
export interface RunningProbe {
  done: Promise<boolean>;
  release(): Promise<void>;
}

/**
 * Claims up to `limit` due checks by compare-and-set and starts probing them; each `done`
 * settles with whether its outcome was recorded (false when an agent or another node got there
 * first). A claim a dead prober left behind turns its check `failed` instead.
 */
export async function startDueProbes(deps: ProbeDeps, limit = BATCH): Promise<RunningProbe[]> {
  const now = deps.clock.now();
  const due = await findDueProbes(deps.store.db, now, limit);
  const started: RunningProbe[] = [];
  for (const task of due) {
    const claimedAt = deps.clock.now();
    if (!(await claimProbe(deps.store.db, task, claimedAt, claimedAt + STUCK_MS))) continue;
    const done = (async () => {
      const outcome =
        task.claimedAt !== null ? { ok: false, error: 'The probe did not finish', attempts: 0 } : await probeOnce(deps, task);
      const recorded = await recordProbe(deps.store, task, claimedAt, outcome, deps.clock.now());
      if (recorded)
        deps.log.info({ check: task.id, ok: outcome.ok, error: outcome.error, attempts: outcome.attempts }, 'port probed');
      return recorded;
    })().catch((error: unknown) => {
      // the claim runs out and the check is probed again; nothing else to undo
      deps.log.warn({ err: error, check: task.id }, 'probe not recorded');
      return false;
    });
    started.push({ done, release: () => releaseProbe(deps.store.db, task, claimedAt, deps.clock.now()) });
  }
  return started;
}

/** One pass, waited for: claims the due checks, probes them, and returns how many it recorded. */
export async function runDueProbes(deps: ProbeDeps): Promise<number> {
  const finished = await Promise.all((await startDueProbes(deps)).map((probe) => probe.done));
  return finished.filter(Boolean).length;
}
