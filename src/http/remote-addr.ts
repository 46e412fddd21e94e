import { isIP } from 'node:net';

/**
 * Spec §3.3: the first X-Forwarded-For entry, trusted as Healthchecks does (it runs behind a
 * proxy), with a `:port` suffix dropped from IPv4 forms; otherwise (absent or not an IP)
 * the socket peer.
 */
export function remoteAddr(forwardedFor: string | string[] | undefined, peer: string | undefined): string | null {
  const header = Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor;
  if (header) {
    const first = header.split(',')[0]!.trim();
    if (isIP(first)) return first;
    const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(first);
    if (withPort && isIP(withPort[1]!)) return withPort[1]!;
    // Healthchecks fails storing a non-IP here; we fall back to the peer instead.
  }
  return peer ?? null;
}
