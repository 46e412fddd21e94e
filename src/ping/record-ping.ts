import type { Deps } from '../deps.js';
import { applyPing } from '../domain/apply-ping.js';
import type { CheckState } from '../domain/check.js';
import { classifyPing, mentionsConfirmation, type PingSource } from '../domain/classify-ping.js';
import { isUuidString } from '../lib/ids.js';
import { commitPingBatch, type PingDecision, type PingTarget } from '../store/ping-batch.js';
import { groupCommitter } from './group-commit.js';
import { provisionCheck } from './provision-check.js';
import { makeHistoryPruner } from './history-pruner.js';

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

type Rejection = 'invalid_url' | 'invalid_rid' | 'too_large' | 'body_not_utf8';

interface Payload {
  request: PingRequest;
  at: number;
  storedBody: Uint8Array | null;
}

/** Runs inside the transaction with the check's current state (spec §3.2 order after lookup). */
function decide(check: CheckState, { request, at, storedBody }: Payload): PingDecision<Rejection> {
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

export interface PingRecorder {
  record(request: PingRequest): Promise<PingAnswer>;
  /** Waits for the groups in flight: SIGTERM never drops an accepted ping. */
  drain(): Promise<void>;
}

export interface PingRecorderHooks {
  /** A ping set a check's `alert_after` (the detector re-arms when it is earlier). */
  onAlertAfter?(alertAfterMs: number): void;
}

export function makePingRecorder(deps: Deps, hooks: PingRecorderHooks = {}): PingRecorder {
  const { store, clock, config, log } = deps;
  const pruner = makeHistoryPruner(deps);
  const committer = groupCommitter(
    (items: Array<{ target: PingTarget; payload: Payload }>) => commitPingBatch(store, items, decide),
    {
      maxGroupSize: 512,
      // One group at a time: SQLite commits synchronously anyway, and on PostgreSQL a second
      // group in flight conflicts with the first on a hot check (measured: half the throughput)
      // while the pings waiting meanwhile simply form the next, larger group.
      maxInFlight: 1,
    },
  );

  async function submit(request: PingRequest): Promise<PingAnswer> {
    const limit = request.keepWholeBody ? null : config.pingBodyLimitBytes;
    const body = limit !== null && request.body.length > limit ? request.body.subarray(0, limit) : request.body;
    const payload: Payload = { request, at: clock.now(), storedBody: body.length > 0 ? body : null };
    const result = await committer.submit({ target: request.target, payload });
    if (result.ok) {
      if (result.alertAfter !== null) hooks.onAlertAfter?.(result.alertAfter);
      pruner.afterPing(result.checkId, result.n);
      return 'ok';
    }
    if (result.error === 'unavailable') log.error({ err: result.cause }, 'ping not recorded: database unavailable');
    return result.error;
  }

  return {
    async record(request) {
      const { target } = request;
      if ('slug' in target && /[A-Z]/.test(target.slug)) return 'invalid_url';
      const answer = await submit(request);
      if (answer !== 'not_found' || !request.create || !('slug' in target)) return answer;
      const provisioned = await provisionCheck(deps, target.pingKey, target.slug);
      if (provisioned === 'refused') return 'not_found';
      const second = await submit(request);
      return second === 'ok' && provisioned === 'created' ? 'created' : second;
    },
    async drain() {
      await committer.drain();
      await pruner.drain();
    },
  };
}
