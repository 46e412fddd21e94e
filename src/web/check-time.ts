import { DateTime } from 'luxon';
import { html, type Html } from './html.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-01-05 10:00 UTC` (seconds when asked): the text a `<time>` shows without the script. */
export function utcText(ms: number, withSeconds = false): string {
  const d = new Date(ms);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${withSeconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
  return `${day} ${time} UTC`;
}

/** The same instant on the wall clock of `tz`, e.g. `2026-01-05 12:00 UTC+02:00` (ICU's zone abbreviations vary by build). */
export function zonedText(ms: number, tz: string): string {
  const local = DateTime.fromMillis(ms, { zone: tz });
  return local.isValid ? local.toFormat("yyyy-MM-dd HH:mm 'UTC'ZZ") : utcText(ms);
}

/**
 * An absolute instant: UTC text, machine-readable `datetime`; `data-local` lets the page script
 * rewrite it in the viewer's zone (or the check's, one click away).
 */
export function timeTag(ms: number, withSeconds = false): Html {
  const iso = new Date(ms).toISOString();
  return html`<time datetime="${iso}" data-local="${withSeconds ? 'seconds' : 'minutes'}">${utcText(ms, withSeconds)}</time>`;
}

const UNITS: Array<[seconds: number, name: string]> = [
  [86_400, 'day'],
  [3_600, 'hour'],
  [60, 'minute'],
  [1, 'second'],
];

const plural = (n: number, name: string) => `${n} ${name}${n === 1 ? '' : 's'}`;

/** `1 day`, `2 hours 30 minutes`, `45 seconds`: the two largest units, as Healthchecks words them. */
export function durationText(totalSeconds: number): string {
  const parts: string[] = [];
  let rest = Math.max(0, Math.floor(totalSeconds));
  for (const [size, name] of UNITS) {
    if (rest >= size) {
      parts.push(plural(Math.floor(rest / size), name));
      rest %= size;
    }
    if (parts.length === 2) break;
  }
  return parts.length ? parts.join(' ') : '0 seconds';
}

/** `3 minutes ago`, in the largest whole unit. */
export function agoText(ms: number, now: number): string {
  const seconds = Math.floor((now - ms) / 1000);
  if (seconds < 0) return 'just now';
  for (const [size, name] of UNITS) {
    if (seconds >= size) return `${plural(Math.floor(seconds / size), name)} ago`;
  }
  return 'just now';
}

/** "3 minutes ago" with the instant itself in `datetime` and `title`. */
export function agoTag(ms: number, now: number): Html {
  return html`<time datetime="${new Date(ms).toISOString()}" title="${utcText(ms, true)}">${agoText(ms, now)}</time>`;
}
