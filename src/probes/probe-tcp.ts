import { connect } from 'node:net';
import { probeErrorText } from './probe-error-text.js';
import { stopwatch, type ProbeOptions, type ProbeResult, type ProbeTarget } from './probe-result.js';
import { resolveProbeTarget } from './resolve-probe-target.js';

/**
 * A TCP check (spec calyptia §3.6): the port is up when a connection opens within the timeout.
 * The connection is closed at once; nothing is sent. The kernel completes the handshake before
 * the application accepts, so a listening service that never accepts still counts as up.
 */
export async function probeTcp(target: ProbeTarget, options: ProbeOptions): Promise<ProbeResult> {
  const elapsed = stopwatch();
  const resolved = await resolveProbeTarget(target, options);
  if (!resolved.ok) return { ...resolved, ms: elapsed() };
  const error = await connectOnce(resolved.address, resolved.port, resolved.family, options.timeoutMs - elapsed());
  return error === null ? { ok: true, ms: elapsed() } : { ok: false, error, ms: elapsed() };
}

/** Resolves with null once connected, or with the failure's text. */
function connectOnce(address: string, port: number, family: 4 | 6, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    let settled = false;
    // An IP address: net.connect dials it as is, with no second lookup.
    const socket = connect({ host: address, port, family });
    const finish = (error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(error);
    };
    const timer = setTimeout(() => finish('Connection timed out'), Math.max(0, timeoutMs));
    socket.on('connect', () => finish(null));
    socket.on('error', (error) => finish(probeErrorText(error)));
  });
}
