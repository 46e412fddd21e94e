import type { Check, ComputedStatus } from '../domain/check.js';
import { statusAt } from '../domain/status.js';
import { html, type Html } from './html.js';
import { agoText, durationText, utcTime } from './settings-time.js';

export interface TvTile {
  name: string;
  status: ComputedStatus;
  running: boolean;
  lastPingAt: number | null;
  lastDurationMs: number | null;
}

const STATUS_TEXT: Record<ComputedStatus, string> = {
  up: 'Up',
  grace: 'Late',
  down: 'Down',
  paused: 'Paused',
  new: 'New',
  started: 'Started',
};

/** What needs eyes first: down, then late, then the rest. */
const URGENCY: Record<ComputedStatus, number> = { down: 0, grace: 1, started: 2, up: 3, new: 4, paused: 5 };

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The TV's tiles at `now`: status computed as the badges and Prometheus do (without `started`). */
export function tvTiles(checks: readonly Check[], now: number): TvTile[] {
  return checks
    .map((check) => ({
      name: check.name || 'unnamed',
      status: statusAt(check, now),
      running: check.lastStartAt !== null,
      lastPingAt: check.lastPingAt,
      lastDurationMs: check.lastDurationMs,
    }))
    .sort((a, b) => URGENCY[a.status] - URGENCY[b.status] || byName.compare(a.name, b.name));
}

function tile(t: TvTile, now: number): Html {
  return html`<li class="tv-tile ${t.status}">
    <span class="tv-name">${t.name}</span>
    <span class="tv-status">${STATUS_TEXT[t.status]}${t.running ? html` <span class="tv-running">running</span>` : ''}</span>
    <span class="tv-last">${t.lastPingAt === null ? 'never pinged' : `last ping ${agoText(now - t.lastPingAt)}`}</span>
    ${t.lastDurationMs !== null ? html`<span class="tv-duration">took ${durationText(t.lastDurationMs)}</span>` : ''}
  </li>`;
}

/** The live part of the TV page: the counts and the tiles, refreshed every few seconds. */
export function tvGrid(tiles: readonly TvTile[], now: number): Html {
  const count = (status: ComputedStatus) => tiles.filter((t) => t.status === status).length;
  const down = count('down');
  const late = count('grace');
  return html`<p class="tv-summary ${down > 0 ? 'has-down' : late > 0 ? 'has-late' : 'all-up'}">
      <strong>${down > 0 ? `${down} down` : late > 0 ? `${late} late` : 'All good'}</strong>
      · ${tiles.length} ${tiles.length === 1 ? 'check' : 'checks'} · ${count('up')} up${late > 0 && down > 0 ? ` · ${late} late` : ''}
      · updated ${utcTime(now)}
    </p>
    ${
      tiles.length === 0
        ? html`<p class="tv-empty">This project has no checks yet.</p>`
        : html`<ul class="tv-grid">
            ${tiles.map((t) => tile(t, now))}
          </ul>`
    }`;
}
