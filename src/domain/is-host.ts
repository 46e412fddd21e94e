const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * RFC 1123 hostname (dotted labels) or dotted-quad IPv4 (spec/calyptia.md §3.2 host caveat); no
 * IPv6. The Cloud API's check hosts and the endpoints a port's probe may follow share this rule.
 */
export function isHost(v: unknown): v is string {
  if (typeof v !== 'string' || v.length === 0 || v.length > 253) return false;
  if (IPV4.test(v)) return true;
  // all-numeric dotted names look like a broken IPv4 address, not a hostname
  if (/^[\d.]+$/.test(v)) return false;
  return v.split('.').every((label) => LABEL.test(label));
}
