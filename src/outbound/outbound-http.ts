/**
 * The one client every outbound HTTP request goes through (DESIGN.md rule 7): webhooks, chat
 * and incident APIs. Implemented in http-client.ts.
 */
export interface OutboundRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  url: string;
  /** Added to the default `User-Agent: <SITE_NAME>`; names are case-insensitive. */
  headers?: Readonly<Record<string, string>>;
  /** Exactly one body form, or none: JSON (sets Content-Type), url-encoded form, or raw text. */
  json?: unknown;
  form?: Readonly<Record<string, string>>;
  body?: string | Uint8Array;
  /** Sent as `Authorization: Basic base64(user:password)`. */
  basicAuth?: { user: string; password: string };
  /** Total attempts for transient errors (spec §9.2: 3; webhook tests: 1). */
  attempts?: number;
  /** Per attempt; spec §9.2 says 30 s. */
  timeoutMs?: number;
}

export interface OutboundResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
  /** The body as text (lenient UTF-8), at most 64 KiB kept. */
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json(): unknown;
}

/**
 * A transport's reading of a response: null when it is a success, otherwise the error text and
 * whether it is permanent (no further attempts, channel disabled).
 */
export type ResponseVerdict = null | { error: string; permanent: boolean };

export type OutboundResult =
  { ok: true; response: OutboundResponse } | { ok: false; error: string; permanent: boolean; response: OutboundResponse | null };

export interface OutboundHttp {
  /**
   * Sends `request`, retrying transient failures (connection errors and non-permanent verdicts)
   * up to `attempts` times without delay. `judge` defaults to spec §9.2: 200/201/202/204 succeed,
   * anything else is `Received status code <N>`, transient. Connection problems come back as
   * spec §9.2's texts (`Connection timed out`, `Could not resolve host`,
   * `Connections to private IP addresses are not allowed`, `Connection failed`,
   * `Too many redirects`, `TLS handshake failed`); this never throws.
   */
  send(request: OutboundRequest, judge?: (response: OutboundResponse) => ResponseVerdict): Promise<OutboundResult>;
}

/** spec §9.2: the statuses every transport counts as delivered. */
export function isSuccessStatus(status: number): boolean {
  return status === 200 || status === 201 || status === 202 || status === 204;
}

export function defaultVerdict(response: OutboundResponse): ResponseVerdict {
  return isSuccessStatus(response.status) ? null : { error: `Received status code ${response.status}`, permanent: false };
}
