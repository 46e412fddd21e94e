import { applyPing } from '../domain/apply-ping.js';
import type { CheckState } from '../domain/check.js';
import { classifyPing, mentionsConfirmation, type PingSource } from '../domain/classify-ping.js';
import { isUuidString } from '../lib/ids.js';
import type { PingDecision, PingTarget } from '../store/ping-batch.js';

export interface PingRequest {
  target: PingTarget;
  source: PingSource;
  scheme: string;
  remoteAddr: string | null;
  /** HTTP method; '' for email. */
  method: string;
  ua: string;
  /** The raw `?rid=` value; undefined when absent. */
  rid: string | undefined;
  exitStatus: number | null;
  /** The body as received; stored truncated to PING_BODY_LIMIT unless `keepWholeBody`. */
  body: Uint8Array;
  bodyTooLarge: boolean;
  keepWholeBody: boolean;
  /** `?create=1` on a slug URL: provision the check when it does not exist. */
  create: boolean;
}

/** Every answer the ping protocol gives (spec Appendix C), adapters map them to the wire. */
export type PingAnswer =
  'ok' | 'created' | 'not_found' | 'ambiguous' | 'invalid_url' | 'invalid_rid' | 'too_large' | 'body_not_utf8' | 'unavailable';

const EMPTY = new Uint8Array(0);

export type PingRejection = 'invalid_url' | 'invalid_rid' | 'too_large' | 'body_not_utf8';

/** What travels with a ping into its group's transaction (structured-cloneable: it may cross to a worker). */
export interface PingPayload {
  request: PingRequest;
  at: number;
  storedBody: Uint8Array | null;
}

/** Runs inside the transaction with the check's current state (spec §3.2 order after lookup). */
export function decidePing(check: CheckState, { request, at, storedBody }: PingPayload): PingDecision<PingRejection> {
  if (request.exitStatus !== null && request.exitStatus > 255) return { reject: 'invalid_url' };
  if (request.bodyTooLarge) return { reject: 'too_large' };
  if (request.rid !== undefined && !isUuidString(request.rid)) return { reject: 'invalid_rid' };
  // Keywords are matched in the stored (truncated) body, as Healthchecks does.
  const source = request.source.via === 'http' ? { ...request.source, body: storedBody ?? EMPTY } : request.source;
  const classified = classifyPing(check, source);
  if ('error' in classified) return { reject: classified.error };
  const rid = request.rid === undefined ? null : request.rid.toLowerCase();
  const outcome = applyPing(check, {
    kind: classified.kind,
    at,
    rid,
    mentionsConfirmation: storedBody !== null && mentionsConfirmation(storedBody),
  });
  return {
    outcome,
    row: {
      createdAt: at,
      scheme: request.scheme,
      remoteAddr: request.remoteAddr,
      method: request.method,
      ua: request.ua,
      body: storedBody,
      exitStatus: request.exitStatus,
      rid,
    },
  };
}
