import { createSocket } from 'node:dgram';
import { probeErrorText } from './probe-error-text.js';
import { stopwatch, type ProbeOptions, type ProbeResult, type ProbeTarget } from './probe-result.js';
import { resolveProbeTarget } from './resolve-probe-target.js';

export interface UdpProbeOptions extends ProbeOptions {
  /** The datagram sent; an empty datagram when absent. */
  payload?: Uint8Array;
  /** When set, a reply that contains these bytes (anywhere) is required; an empty value accepts any reply. */
  expect?: Uint8Array;
}

/**
 * A UDP check (spec calyptia §3.6, §7). UDP has no handshake, so:
 * - with `expect`, the port is up when a reply containing `expect` arrives within the timeout.
 *   "Contains" rather than "starts with" because many services frame their answer (an id, a
 *   banner) around the part worth matching.
 * - without `expect`, the port is up when no ICMP port-unreachable comes back within the timeout
 *   (any reply also proves it up early). The socket is connected, so Linux reports that ICMP
 *   message as ECONNREFUSED on it. Limitation: a firewall that drops packets silently, or a lost
 *   datagram, looks exactly like an open port; only `expect` can tell them apart.
 */
export async function probeUdp(target: ProbeTarget, options: UdpProbeOptions): Promise<ProbeResult> {
  const elapsed = stopwatch();
  const resolved = await resolveProbeTarget(target, options);
  if (!resolved.ok) return { ...resolved, ms: elapsed() };
  const error = await exchange(resolved, options, options.timeoutMs - elapsed());
  return error === null ? { ok: true, ms: elapsed() } : { ok: false, error, ms: elapsed() };
}

/** Resolves with null when the port counts as up, or with the failure's text. */
function exchange(
  to: { address: string; port: number; family: 4 | 6 },
  options: UdpProbeOptions,
  timeoutMs: number,
): Promise<string | null> {
  // Buffer.includes wants a Buffer; a copy of a few bytes is cheap.
  const expect = options.expect === undefined ? undefined : Buffer.from(options.expect);
  return new Promise((resolve) => {
    let settled = false;
    let repliedOtherwise = false;
    const socket = createSocket(to.family === 6 ? 'udp6' : 'udp4');
    const finish = (error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.close();
      resolve(error);
    };
    const onTimeout = () => {
      if (expect === undefined) return finish(null);
      finish(repliedOtherwise ? 'Unexpected reply' : 'No reply received');
    };
    const timer = setTimeout(onTimeout, Math.max(0, timeoutMs));
    socket.on('error', (error) => finish(probeErrorText(error)));
    socket.on('message', (reply) => {
      if (expect === undefined || reply.includes(expect)) return finish(null);
      repliedOtherwise = true;
    });
    // Connected, so that only this peer's replies and ICMP errors reach the socket.
    socket.connect(to.port, to.address, () => {
      // The budget may already be spent (a slow DNS answer) and the socket closed.
      if (settled) return;
      socket.send(options.payload ?? new Uint8Array(0), (error) => {
        if (error) finish(probeErrorText(error));
      });
    });
  });
}
