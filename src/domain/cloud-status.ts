import type { StoredStatus } from './check.js';

/**
 * The one status model (spec/calyptia.md §7): Cloud statuses keep their Calyptia words on the
 * wire and map onto the heartbeat ones only where alerts are decided.
 */
export type CloudFlipStatus = Extract<StoredStatus, 'new' | 'up' | 'down'>;

/** A check's result that settles it: `new` and `running` are on the way to one. */
export function isSettled(status: string): status is 'ok' | 'failed' {
  return status === 'ok' || status === 'failed';
}

export function checkFlipStatus(status: string): CloudFlipStatus {
  if (status === 'ok') return 'up';
  if (status === 'failed') return 'down';
  return 'new';
}

/** `waiting` never pinged, `running` pings, `unreachable` stopped pinging. */
export function coreInstanceFlipStatus(status: 'waiting' | 'running' | 'unreachable'): CloudFlipStatus {
  if (status === 'running') return 'up';
  if (status === 'unreachable') return 'down';
  return 'new';
}
