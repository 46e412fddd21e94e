import { setTimeout as delay } from 'node:timers/promises';
import type { ProbeResult } from './probe-result.js';

export interface RetriedProbe {
  /** The last attempt's result: the first success, or the final failure. */
  result: ProbeResult;
  attempts: number;
}

export interface RetryOptions {
  /** Pause between attempts (none after the last). */
  delayMs?: number;
  /** Seam for tests; real time by default. */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Calyptia's `retries` is "retries before marking it as failed" (spec calyptia §3.2): the first
 * attempt plus up to `retries` more, so `retries: 0` still probes once. A permanent failure
 * (private address, invalid port) is not repeated.
 */
export async function probeWithRetries(
  probe: () => Promise<ProbeResult>,
  retries: number,
  options: RetryOptions = {},
): Promise<RetriedProbe> {
  const extraAttempts = Number.isFinite(retries) ? Math.max(0, Math.floor(retries)) : 0;
  const delayMs = options.delayMs ?? 0;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  for (let attempts = 1; ; attempts += 1) {
    const result = await probe();
    if (result.ok || result.permanent === true || attempts > extraAttempts) return { result, attempts };
    if (delayMs > 0) await sleep(delayMs);
  }
}
