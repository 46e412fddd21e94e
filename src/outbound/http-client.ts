import { Agent, request, type Dispatcher } from 'undici';
import { guardedConnector, isPublicAddress } from './address-guard.js';
import type { OutboundHttp, OutboundRequest, OutboundResponse, OutboundResult, ResponseVerdict } from './outbound-http.js';
import { defaultVerdict } from './outbound-http.js';
import { AttemptTimeoutError, RequestError, TooManyRedirectsError, transportError } from './transport-error.js';

export { isPublicAddress } from './address-guard.js';

const KEPT_BODY_BYTES = 64 * 1024;
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// curl's codes, as Healthchecks reports them: CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT.
const UNSUPPORTED_SCHEME = 'HTTP request failed, code: 1';
const MALFORMED_URL = 'HTTP request failed, code: 3';

export interface OutboundHttpOptions {
  allowPrivateIps: boolean;
  userAgent: string;
  /** Per attempt (spec §9.2: 30 s); a request's own `timeoutMs` wins. */
  timeoutMs?: number;
  /** Which resolved addresses may be dialled when private ones are refused; tests stand a loopback address in for a public one. */
  isPublicAddress?: (address: string) => boolean;
}

interface Prepared {
  url: URL;
  method: Dispatcher.HttpMethod;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

function parseHttpUrl(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new RequestError(MALFORMED_URL);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RequestError(UNSUPPORTED_SCHEME);
  return url;
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function prepare(req: OutboundRequest, userAgent: string): Prepared {
  const url = parseHttpUrl(req.url);
  const headers: Record<string, string> = { 'user-agent': userAgent };
  let body: string | Uint8Array | undefined = req.body;
  if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    headers['content-type'] = 'application/json';
  } else if (req.form) {
    body = new URLSearchParams(req.form).toString();
    headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  // Credentials in the URL are sent as Basic auth, as curl does, and never as part of the URL.
  if (url.username || url.password) {
    headers.authorization = basic(decodeURIComponent(url.username), decodeURIComponent(url.password));
    url.username = url.password = '';
  }
  if (req.basicAuth) headers.authorization = basic(req.basicAuth.user, req.basicAuth.password);
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    // On the wire a header value is latin-1 bytes; anything wider cannot be sent as written.
    if (/[\u0100-\uffff]/.test(value)) throw new RequestError('Header values must be latin-1');
    headers[name.toLowerCase()] = value;
  }
  return { url, method: req.method, headers, body };
}

async function readResponse(response: Dispatcher.ResponseData): Promise<OutboundResponse> {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of response.body) {
    const buffer = chunk as Buffer;
    chunks.push(buffer.subarray(0, KEPT_BODY_BYTES - kept));
    kept += Math.min(buffer.length, KEPT_BODY_BYTES - kept);
    // Leaving the loop destroys the stream: an endless body costs 64 KiB, not the whole timeout.
    if (kept >= KEPT_BODY_BYTES) break;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return {
    status: response.statusCode,
    headers,
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

export function makeOutboundHttp(options: OutboundHttpOptions): OutboundHttp & { close(): Promise<void> } {
  const defaultTimeoutMs = options.timeoutMs ?? 30_000;
  const agent = new Agent({
    connect: options.allowPrivateIps
      ? { timeout: defaultTimeoutMs }
      : guardedConnector(options.isPublicAddress ?? isPublicAddress, defaultTimeoutMs),
  });

  /** One attempt: the request and up to 3 redirects (curl's MAXREDIRS), all within `timeoutMs`. */
  async function attempt(first: Prepared, timeoutMs: number): Promise<OutboundResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new AttemptTimeoutError('timed out')), timeoutMs);
    let { url, method, body } = first;
    const headers = { ...first.headers };
    try {
      for (let redirects = 0; ; redirects++) {
        const response = await request(url, {
          method,
          headers,
          body,
          dispatcher: agent,
          signal: controller.signal,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        const location = response.headers.location;
        if (!REDIRECT_STATUSES.has(response.statusCode) || typeof location !== 'string') return await readResponse(response);
        await response.body.dump();
        if (redirects === MAX_REDIRECTS) throw new TooManyRedirectsError('too many redirects');
        const next = parseHttpUrl(location, url);
        const status = response.statusCode;
        if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          delete headers['content-type'];
        }
        // Like curl, credentials are not handed to another host.
        if (next.origin !== url.origin) delete headers.authorization;
        url = next;
      }
    } finally {
      clearTimeout(timer);
    }
  }

  async function send(req: OutboundRequest, judge: (response: OutboundResponse) => ResponseVerdict): Promise<OutboundResult> {
    const attempts = Math.max(1, req.attempts ?? 3);
    const timeoutMs = req.timeoutMs ?? defaultTimeoutMs;
    let last: OutboundResult = { ok: false, error: 'Connection failed', permanent: false, response: null };
    try {
      const prepared = prepare(req, options.userAgent);
      for (let i = 0; i < attempts; i++) {
        const outcome = await attempt(prepared, timeoutMs).then(
          (response) => ({ response }),
          (error: unknown) => ({ failure: transportError(error) }),
        );
        if ('failure' in outcome) {
          last = { ok: false, error: outcome.failure.text, permanent: false, response: null };
          if (!outcome.failure.retry) return last;
          continue;
        }
        const { response } = outcome;
        const verdict = judge(response);
        if (!verdict) return { ok: true, response };
        last = { ok: false, error: verdict.error, permanent: verdict.permanent, response };
        if (verdict.permanent) return last;
      }
      return last;
    } catch (error) {
      // prepare() or the transport's own judge: never a rejection out of send().
      return { ok: false, error: transportError(error).text, permanent: false, response: null };
    }
  }

  return {
    send: (req, judge = defaultVerdict) => send(req, judge),
    close: () => agent.close(),
  };
}
