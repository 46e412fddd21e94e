const TEXTS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'Connection refused',
  ETIMEDOUT: 'Connection timed out',
  ECONNRESET: 'Connection reset by peer',
  EHOSTUNREACH: 'Host unreachable',
  EHOSTDOWN: 'Host unreachable',
  ENETUNREACH: 'Network unreachable',
  ENETDOWN: 'Network unreachable',
  EADDRNOTAVAIL: 'Address not available',
  // A local firewall rule, or a UDP datagram to a broadcast address.
  EACCES: 'Connection not permitted',
  EPERM: 'Connection not permitted',
  EMSGSIZE: 'Payload too large',
  ENOTFOUND: 'Could not resolve host',
  EAI_AGAIN: 'Could not resolve host',
  EAI_NONAME: 'Could not resolve host',
  EAI_NODATA: 'Could not resolve host',
  EAI_FAIL: 'Could not resolve host',
};

/** The text shown for a failed socket operation; an unknown code is kept so it can be looked up. */
export function probeErrorText(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code !== 'string') return 'Connection failed';
  return TEXTS[code] ?? `Connection failed (${code})`;
}
