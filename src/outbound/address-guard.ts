import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { buildConnector } from 'undici';

export const PRIVATE_REFUSED = 'Connections to private IP addresses are not allowed';

/** Only public unicast addresses are reachable unless INTEGRATIONS_ALLOW_PRIVATE_IPS is on. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  // ::ffff:10.0.0.1 reaches 10.0.0.1: judge the IPv4 address it carries.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

export class PrivateAddressError extends Error {
  readonly code = 'EPRIVATE';
  constructor() {
    super(PRIVATE_REFUSED);
  }
}

type LookupCallback = (error: Error | null, address?: string | LookupAddress[], family?: number) => void;

/**
 * Resolves like dns.lookup, then refuses private targets, so a public name pointing at 10.0.0.1
 * is refused too (spec Appendix A "Outgoing HTTP"). Any private address among the answers
 * refuses the name: the socket may pick any of them (happy eyeballs).
 */
function guardedLookup(isAllowed: (address: string) => boolean) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error);
      if (addresses.length === 0 || addresses.some((a) => !isAllowed(a.address))) return callback(new PrivateAddressError());
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/**
 * An undici connector that checks the address every socket is opened to, redirects included:
 * names after DNS resolution, IP literals (which net.connect never resolves) before dialling.
 */
export function guardedConnector(isAllowed: (address: string) => boolean, timeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ timeout: timeoutMs, lookup: guardedLookup(isAllowed) as never });
  return (options, callback) => {
    const host = options.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host) !== 0 && !isAllowed(host)) return callback(new PrivateAddressError(), null);
    connect(options, callback);
  };
}
