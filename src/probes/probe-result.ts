/**
 * The outcome of one probe attempt. `ms` is how long the attempt took, name resolution included.
 * `permanent` marks a failure no retry can change (a refused private address, an invalid port),
 * so probeWithRetries stops there instead of repeating it.
 */
export type ProbeResult = { ok: true; ms: number } | { ok: false; error: string; ms: number; permanent?: true };

export interface ProbeTarget {
  host: string;
  port: number;
}

export interface ProbeOptions {
  /** Budget for the whole attempt: resolving the name, then connecting or waiting for a reply. */
  timeoutMs: number;
  /** INTEGRATIONS_ALLOW_PRIVATE_IPS: probes share the outbound private-address guard (DESIGN.md rule 7). */
  allowPrivateIps: boolean;
}

/**
 * A duration, not an instant: it comes from the monotonic performance clock rather than the
 * injected Clock, which a test may hold still while real sockets take real time.
 */
export function stopwatch(): () => number {
  const startMs = performance.now();
  return () => Math.round(performance.now() - startMs);
}
