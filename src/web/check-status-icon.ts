import type { CheckTiming, ComputedStatus } from '../domain/check.js';
import { statusAt } from '../domain/status.js';
import { html, type Html } from './html.js';

/** What the dashboard shows: the computed status without v1's `started` (spec §2.3). */
export type DisplayStatus = Exclude<ComputedStatus, 'started'>;

export const displayStatus = (check: CheckTiming, now: number): DisplayStatus => statusAt(check, now) as DisplayStatus;

const LABELS: Record<DisplayStatus, string> = {
  up: 'Up',
  grace: 'Late',
  down: 'Down',
  paused: 'Paused',
  new: 'New',
};

export const statusLabel = (status: DisplayStatus): string => LABELS[status];

/** The status dot (the shared .status classes), spinning while the check runs; named for screen readers. */
export function statusIcon(status: DisplayStatus, started: boolean): Html {
  const label = started ? `${LABELS[status]}, running` : LABELS[status];
  return html`<span class="status ${status}${started ? ' started' : ''}" role="img" aria-label="${label}"></span>`;
}
