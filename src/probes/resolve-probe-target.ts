import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { PRIVATE_REFUSED, isPublicAddress } from '../outbound/address-guard.js';
import { probeErrorText } from './probe-error-text.js';
import type { ProbeOptions, ProbeTarget } from './probe-result.js';

export type ResolvedTarget =
  { ok: true; address: string; family: 4 | 6; port: number } | { ok: false; error: string; permanent?: true };

const RESOLVE_TIMED_OUT = 'Resolving timed out';

/**
 * Turns a check's host into the one address the probe dials. The probe connects to this address,
 * never to the name again, so a DNS answer that changes between the guard and the connect
 * (rebinding) can't slip a private target past the guard. Any private address among the answers
 * refuses the name, as the HTTP guard does.
 */
export async function resolveProbeTarget(target: ProbeTarget, options: ProbeOptions): Promise<ResolvedTarget> {
  // Calyptia's schema accepts port 0 (spec §6.4), but nothing can be probed there.
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535) {
    return { ok: false, error: 'Invalid port', permanent: true };
  }
  const literal = isIP(target.host);
  let addresses: LookupAddress[];
  if (literal !== 0) {
    addresses = [{ address: target.host, family: literal }];
  } else {
    try {
      // Calyptia hosts are IPv4 or names (spec §3.2): prefer the IPv4 answer.
      addresses = await withTimeout(lookup(target.host, { all: true, order: 'ipv4first' }), options.timeoutMs);
    } catch (error) {
      return { ok: false, error: error === RESOLVE_TIMED_OUT ? RESOLVE_TIMED_OUT : probeErrorText(error) };
    }
  }
  const first = addresses[0];
  if (first === undefined) return { ok: false, error: 'Could not resolve host' };
  if (!options.allowPrivateIps && addresses.some((a) => !isPublicAddress(a.address))) {
    return { ok: false, error: PRIVATE_REFUSED, permanent: true };
  }
  return { ok: true, address: first.address, family: first.family === 6 ? 6 : 4, port: target.port };
}

/** getaddrinfo can't be cancelled; past the budget its answer is simply ignored. */
async function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- a sentinel, matched by identity above
    timer = setTimeout(() => reject(RESOLVE_TIMED_OUT), timeoutMs);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
