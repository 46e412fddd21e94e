import type { EventKind, LogEvent, PingEvent } from '../checks/check-page-events.js';
import type { FlipEvent } from '../store/check-page-events.js';
import { durationText, timeTag } from './check-time.js';
import { html, type Html } from './html.js';

export const EVENT_LABELS: Record<EventKind, string> = {
  success: 'Success',
  fail: 'Failure',
  start: 'Start',
  log: 'Log',
  ign: 'Ignored',
  flip: 'Status changes',
};

/** Spec §1.5 display names: `Exit status N` for a failure with a non-zero exit status. */
export function pingKindLabel(ping: Pick<PingEvent, 'kind' | 'exitStatus'>): string {
  if (ping.kind === 'fail' && ping.exitStatus !== null && ping.exitStatus > 0) return `Exit status ${ping.exitStatus}`;
  return EVENT_LABELS[ping.kind];
}

/** Where a ping came from: `HTTPS POST from 203.0.113.5`, or `Email`. */
export function pingSource(ping: Pick<PingEvent, 'scheme' | 'method' | 'remoteAddr'>): string {
  if (ping.scheme === 'email') return `Email${ping.remoteAddr ? ` from ${ping.remoteAddr}` : ''}`;
  return `${ping.scheme.toUpperCase()} ${ping.method}${ping.remoteAddr ? ` from ${ping.remoteAddr}` : ''}`;
}

const REASONS: Record<string, string> = {
  timeout: 'success signal did not arrive on time, grace time passed',
  fail: 'received a failure signal',
};

function flipRow(flip: FlipEvent): Html {
  return html`<tr class="event flip">
    <td>${timeTag(flip.createdAt, true)}</td>
    <td><span class="event-kind flip-${flip.newStatus}">Now ${flip.newStatus}</span></td>
    <td></td>
    <td>Status changed from ${flip.oldStatus} to ${flip.newStatus}${REASONS[flip.reason] ? `: ${REASONS[flip.reason]}` : ''}.</td>
  </tr>`;
}

function pingRow(pingsUrl: string, ping: PingEvent, durationMs: number | undefined): Html {
  return html`<tr class="event ping">
    <td>${timeTag(ping.createdAt, true)}</td>
    <td><a class="event-kind kind-${ping.kind}" href="${pingsUrl}${ping.n}/">${pingKindLabel(ping)}</a> <span class="hint">#${ping.n}</span></td>
    <td>${pingSource(ping)}</td>
    <td class="event-details">
      ${durationMs !== undefined ? html`<span>took ${durationText(durationMs / 1000)}</span>` : ''}
      ${ping.bodyBytes > 0 ? html`<span>${ping.bodyBytes} byte body</span>` : ''}
      <span class="ua" title="${ping.ua}">${ping.ua}</span>
    </td>
  </tr>`;
}

/** The event log table, newest first (the answer of `…/log/`, refreshed live on the page). */
export function eventLog(pingsUrl: string, events: readonly LogEvent[], filtered: boolean): Html {
  if (events.length === 0)
    return html`<p class="hint">${filtered ? 'No events of these kinds yet.' : 'No events yet: the check has not been pinged.'}</p>`;
  return html`<table class="event-log">
    <thead>
      <tr>
        <th scope="col">Time</th>
        <th scope="col">Event</th>
        <th scope="col">Source</th>
        <th scope="col">Details</th>
      </tr>
    </thead>
    <tbody>
      ${events.map((e) => (e.type === 'flip' ? flipRow(e.flip) : pingRow(pingsUrl, e.ping, e.durationMs)))}
    </tbody>
  </table>`;
}
