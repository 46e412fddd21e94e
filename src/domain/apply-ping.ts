import type { CheckState, StoredStatus } from './check.js';
import type { PingKind } from './classify-ping.js';
import { goingDownAfter } from './status.js';

export type FlipReason = '' | 'timeout' | 'fail';

export interface FlipFacts {
  at: number;
  oldStatus: StoredStatus;
  newStatus: StoredStatus;
  reason: FlipReason;
}

export interface IncomingPing {
  kind: PingKind;
  at: number;
  rid: string | null;
  mentionsConfirmation: boolean;
}

export interface PingOutcome {
  check: CheckState;
  /** The kind stored: `ign` when a paused check waits for a manual resume. */
  kind: PingKind;
  /** The ping's sequence number `n` (the check's n_pings after this ping). */
  n: number;
  flip: FlipFacts | null;
}

/** The state change one ping makes (spec §2.6, §3.6). Pure: the store applies the result. */
export function applyPing(state: CheckState, ping: IncomingPing): PingOutcome {
  const kind: PingKind = state.status === 'paused' && state.manualResume ? 'ign' : ping.kind;
  const next: CheckState = {
    ...state,
    nPings: state.nPings + 1,
    hasConfirmationLink: ping.mentionsConfirmation,
  };
  let flip: FlipFacts | null = null;

  if (kind === 'start') {
    next.lastStartAt = ping.at;
    next.lastStartRid = ping.rid;
  } else if (kind === 'success' || kind === 'fail') {
    next.lastPingAt = ping.at;
    next.lastDurationMs = null;
    if (state.lastStartAt !== null) {
      if (state.lastStartRid === ping.rid) {
        next.lastDurationMs = ping.at - state.lastStartAt;
        next.lastStartAt = null;
        next.lastStartRid = null;
      } else if (kind === 'fail' || ping.rid === null) {
        next.lastStartAt = null;
        next.lastStartRid = null;
      }
      // else: a success of another run; the run that started last is still going.
    }
    const target: StoredStatus = kind === 'fail' ? 'down' : 'up';
    if (state.status !== target) {
      flip = { at: ping.at, oldStatus: state.status, newStatus: target, reason: kind === 'fail' ? 'fail' : '' };
      next.status = target;
    }
  }
  next.alertAfter = goingDownAfter(next);
  return { check: next, kind, n: next.nPings, flip };
}
