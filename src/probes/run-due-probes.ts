import type { Deps } from '../deps.js';
import { claimProbe, findDueProbes, recordProbe, type ProbeTask } from '../store/cloud-probes.js';
import { probeTcp } from './probe-tcp.js';
import { probeUdp } from './probe-udp.js';
import { probeWithRetries } from './probe-with-retries.js';

/** Per attempt. */
export const PROBE_TIMEOUT_MS = 5_000;
/** A claim this old belongs to a prober that died: the check is failed rather than left running. */
export const STUCK_MS = 5 * 60_000;
const BATCH = 50;
/**
 * Retries beyond this are not attempted: 21 attempts of 5 s stay well inside STUCK_MS, so a
 * probe in progress is never taken for a dead one (the API accepts up to 1000).
 */
export const MAX_RETRIES = 20;

type ProbeDeps = Pick<Deps, 'store' | 'clock' | 'log' | 'config'>;

async function probeOnce(deps: ProbeDeps, task: ProbeTask) {
  const options = { timeoutMs: PROBE_TIMEOUT_MS, allowPrivateIps: deps.config.integrationsAllowPrivateIps };
  const target = { host: task.host, port: task.port };
  const { result, attempts } = await probeWithRetries(
    () => (task.protocol === 'udp' ? probeUdp(target, options) : probeTcp(target, options)),
    Math.min(task.retries, MAX_RETRIES),
  );
  return { ok: result.ok, error: result.ok ? null : result.error, attempts };
}

/**
 * One pass of the prober (spec §3, issue 6): every due check is claimed by compare-and-set,
 * probed with its retries, and its `ok` or `failed` recorded; a claim left by a dead prober turns
 * the check `failed`. Returns how many checks this pass finished.
 */
export async function runDueProbes(deps: ProbeDeps): Promise<number> {
  const now = deps.clock.now();
  const due = await findDueProbes(deps.store.db, now, now - STUCK_MS, BATCH);
  const finished = await Promise.all(
    due.map(async (task) => {
      const claimedAt = deps.clock.now();
      if (!(await claimProbe(deps.store.db, task, claimedAt))) return false;
      const outcome =
        task.claimedAt !== null ? { ok: false, error: 'The probe did not finish', attempts: 0 } : await probeOnce(deps, task);
      const recorded = await recordProbe(deps.store.db, task.id, claimedAt, outcome, deps.clock.now());
      if (recorded)
        deps.log.info({ check: task.id, ok: outcome.ok, error: outcome.error, attempts: outcome.attempts }, 'port probed');
      return recorded;
    }),
  );
  return finished.filter(Boolean).length;
}
