import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { Agent, interceptors, request, errors } from 'undici';
import type { OutboundHttp, OutboundRequest, OutboundResponse, OutboundResult, ResponseVerdict } from './outbound-http.js';
import { defaultVerdict } from './outbound-http.js';

const KEPT_BODY_BYTES = 64 * 1024;
const PRIVATE_REFUSED = 'Connections to private IP addresses are not allowed';

/** Only public unicast addresses are reachable unless INTEGRATIONS_ALLOW_PRIVATE_IPS is on. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

class PrivateAddressError extends Error {
  readonly code = 'EPRIVATE';
}

/**
 * Resolves like dns.lookup, then refuses private targets: checked at connect time, after DNS,
 * so a public name pointing at 10.0.0.1 is refused too (spec Appendix A "Outgoing HTTP").
 */
function guardedLookup(hostname: string, options: object, callback: (...args: unknown[]) => void): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) return callback(new PrivateAddressError(PRIVATE_REFUSED));
    const first = addresses[0]!;
    if ((options as { all?: boolean }).all) return callback(null, addresses);
    callback(null, first.address, first.family);
  });
}

function errorText(error: unknown): string {
  const err = error as { code?: string; cause?: unknown; message?: string };
  const code = err.code ?? (err.cause as { code?: string } | undefined)?.code;
  if (error instanceof PrivateAddressError || code === 'EPRIVATE' || err.message === PRIVATE_REFUSED) return PRIVATE_REFUSED;
  if (
    error instanceof errors.ConnectTimeoutError ||
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError
  )
    return 'Connection timed out';
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ABORT_ERR') return 'Connection timed out';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'Could not resolve host';
  if (code === 'UND_ERR_MAX_REDIRECTIONS') return 'Too many redirects';
  if (typeof code === 'string' && /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED)/.test(code))
    return 'TLS handshake failed';
  return 'Connection failed';
}

function encodeBody(req: OutboundRequest): { body?: string | Uint8Array; contentType?: string } {
  if (req.json !== undefined) return { body: JSON.stringify(req.json), contentType: 'application/json' };
  if (req.form)
    return {
      body: new URLSearchParams(req.form as Record<string, string>).toString(),
      contentType: 'application/x-www-form-urlencoded',
    };
  if (req.body !== undefined) return { body: req.body };
  return {};
}

export interface OutboundHttpOptions {
  allowPrivateIps: boolean;
  userAgent: string;
  /** Per attempt (spec §9.2: 30 s). */
  timeoutMs?: number;
}

export function makeOutboundHttp(options: OutboundHttpOptions): OutboundHttp & { close(): Promise<void> } {
  const agent = new Agent({
    connect: options.allowPrivateIps ? {} : { lookup: guardedLookup as never },
  }).compose(interceptors.redirect({ maxRedirections: 3 }));

  async function attempt(req: OutboundRequest): Promise<OutboundResponse> {
    const url = new URL(req.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw Object.assign(new Error('bad scheme'), { code: 'EPROTO' });
    if (
      !options.allowPrivateIps &&
      ipaddr.isValid(url.hostname.replace(/^\[|\]$/g, '')) &&
      !isPublicAddress(url.hostname.replace(/^\[|\]$/g, ''))
    ) {
      throw new PrivateAddressError(PRIVATE_REFUSED);
    }
    const { body, contentType } = encodeBody(req);
    const headers: Record<string, string> = { 'user-agent': options.userAgent };
    if (contentType) headers['content-type'] = contentType;
    if (req.basicAuth)
      headers.authorization = `Basic ${Buffer.from(`${req.basicAuth.user}:${req.basicAuth.password}`).toString('base64')}`;
    for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
    const timeoutMs = req.timeoutMs ?? options.timeoutMs ?? 30_000;
    const response = await request(url, {
      method: req.method,
      headers,
      body,
      dispatcher: agent,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const chunks: Buffer[] = [];
    let kept = 0;
    for await (const chunk of response.body) {
      const buf = chunk as Buffer;
      if (kept < KEPT_BODY_BYTES) chunks.push(buf.subarray(0, KEPT_BODY_BYTES - kept));
      kept += buf.length;
    }
    const text = Buffer.concat(chunks).toString('utf8');
    const flatHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) flatHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    return {
      status: response.statusCode,
      headers: flatHeaders,
      text,
      json() {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          return undefined;
        }
      },
    };
  }

  return {
    async send(req, judge: (response: OutboundResponse) => ResponseVerdict = defaultVerdict): Promise<OutboundResult> {
      const attempts = Math.max(1, req.attempts ?? 3);
      let last: OutboundResult = { ok: false, error: 'Connection failed', permanent: false, response: null };
      for (let i = 0; i < attempts; i++) {
        try {
          const response = await attempt(req);
          const verdict = judge(response);
          if (!verdict) return { ok: true, response };
          last = { ok: false, error: verdict.error, permanent: verdict.permanent, response };
          if (verdict.permanent) return last;
        } catch (error) {
          const text = errorText(error);
          last = { ok: false, error: text, permanent: false, response: null };
          // A refused address or a bad URL will not change on a second try.
          if (text === PRIVATE_REFUSED) return last;
        }
      }
      return last;
    },
    close: () => agent.close(),
  };
}
