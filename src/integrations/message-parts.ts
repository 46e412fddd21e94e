import type { FlipReason } from '../domain/apply-ping.js';
import { tagsList } from '../domain/tags.js';
import type { LastPing, NotificationContext, NotifiedCheck } from './notification-context.js';

/** The building blocks most transports word their messages with (spec §9.2, Appendix A). */

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

export function checkName(check: Pick<NotifiedCheck, 'name' | 'code'>): string {
  return check.name || check.code;
}

/** `hc_duration`: `1 day`, `1 hour 1 minute`, `4 weeks` (weeks only when whole); seconds dropped. */
export function longDuration(seconds: number): string {
  const parts: string[] = [];
  let rest = Math.trunc(seconds);
  if (rest % 604_800 === 0 && rest > 0) return plural(rest / 604_800, 'week');
  for (const [size, unit] of [
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(plural(n, unit));
  }
  return parts.join(' ');
}

/** The sentence form (`3 days, 6 hours`, `12 minutes, 24 seconds`, `0 seconds`): two largest units. */
export function sentenceDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3_600);
  const minutes = Math.floor((total % 3_600) / 60);
  const seconds = total % 60;
  if (days > 0) return `${plural(days, 'day')}, ${plural(hours, 'hour')}`;
  if (hours > 0) return `${plural(hours, 'hour')}, ${plural(minutes, 'minute')}`;
  if (minutes > 0) return `${plural(minutes, 'minute')}, ${plural(seconds, 'second')}`;
  return plural(seconds, 'second');
}

/** Django's `naturaltime` for past instants: `now`, `5 minutes ago`, `1 day, 2 hours ago`. */
export function naturalTime(at: number, now: number): string {
  const seconds = Math.floor((now - at) / 1000);
  if (seconds <= 0) return 'now';
  if (seconds < 60) return seconds === 1 ? 'a second ago' : `${seconds} seconds ago`;
  if (seconds < 3_600) {
    const m = Math.floor(seconds / 60);
    return m === 1 ? 'a minute ago' : `${m} minutes ago`;
  }
  if (seconds < 86_400) {
    const h = Math.floor(seconds / 3_600);
    return h === 1 ? 'an hour ago' : `${h} hours ago`;
  }
  const units = [
    [365 * 86_400, 'year'],
    [30 * 86_400, 'month'],
    [7 * 86_400, 'week'],
    [86_400, 'day'],
    [3_600, 'hour'],
    [60, 'minute'],
  ] as const;
  const parts: string[] = [];
  let rest = seconds;
  for (const [size, unit] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 || parts.length > 0) {
      if (n > 0) parts.push(plural(n, unit));
      rest -= n * size;
      if (parts.length === 2 || (parts.length === 1 && n === 0)) break;
    }
  }
  return `${parts.join(', ')} ago`;
}

/** `1 day` for simple checks, the schedule otherwise (shown beside the time zone). */
export function periodText(check: Pick<NotifiedCheck, 'kind' | 'timeoutSeconds' | 'schedule'>): string {
  return check.kind === 'simple' ? longDuration(check.timeoutSeconds) : check.schedule;
}

/** Spec §1.5 display names. */
export function pingKindDisplay(ping: Pick<LastPing, 'kind' | 'exitStatus'>): string {
  switch (ping.kind) {
    case 'ign':
      return 'Ignored';
    case 'fail':
      return ping.exitStatus ? `Exit status ${ping.exitStatus}` : 'Failure';
    case 'start':
      return 'Start';
    case 'log':
      return 'Log';
    default:
      return 'Success';
  }
}

/** `Success, 2 hours ago`, or `Never`. */
export function lastPingText(ctx: Pick<NotificationContext, 'lastPing' | 'now'>): string {
  const ping = ctx.lastPing;
  return ping ? `${pingKindDisplay(ping)}, ${naturalTime(ping.at, ctx.now)}` : 'Never';
}

/** The n of the last ping before the flip (spec §9.2 "Total pings"), 0 when none. */
export function totalPings(ctx: Pick<NotificationContext, 'lastPing'>): number {
  return ctx.lastPing?.n ?? 0;
}

export function longReason(flip: Pick<NotificationContext['flip'], 'reason' | 'detail'>): string {
  // a Cloud flip words its own reason (the probe's error, the core instance's silence)
  if (flip.detail) return flip.detail;
  const reason: FlipReason | '' = flip.reason;
  if (reason === 'timeout') return 'success signal did not arrive on time, grace time passed';
  if (reason === 'fail') return 'received a failure signal';
  return '';
}

/** `Reason: …` for down flips, `The downtime lasted …` for up flips; null when neither applies. */
export function statusSentence(ctx: Pick<NotificationContext, 'status' | 'flip' | 'downtimeMs'>): string | null {
  if (ctx.status === 'down') {
    const reason = longReason(ctx.flip);
    return reason ? `Reason: ${reason}.` : null;
  }
  return ctx.downtimeMs === null ? null : `The downtime lasted ${sentenceDuration(ctx.downtimeMs)}.`;
}

export function tagList(check: Pick<NotifiedCheck, 'tags'>): string[] {
  return tagsList(check.tags);
}

/** Links in messages hide the check's UUID (spec §1.10 "Cloaked URL"). */
export function cloakedUrl(siteRoot: string, check: Pick<NotifiedCheck, 'uniqueKey' | 'detailsPath'>): string {
  return check.detailsPath ? `${siteRoot}${check.detailsPath}` : `${siteRoot}/cloaked/${check.uniqueKey}/`;
}

export function detailsUrl(siteRoot: string, check: Pick<NotifiedCheck, 'code' | 'detailsPath'>): string {
  return `${siteRoot}${check.detailsPath ?? `/checks/${check.code}/details/`}`;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** The last ping's body as text (lenient UTF-8); chat kinds cut it at 1000 chars (spec §9.2). */
export function pingBodyText(ping: LastPing | null, limitChars: number | null = 1000): string | null {
  if (!ping?.body || ping.body.length === 0) return null;
  const text = decoder.decode(ping.body);
  return limitChars !== null && text.length > limitChars ? `${text.slice(0, limitChars)}\n[truncated]` : text;
}

/**
 * The "other checks" section (spec §9.2): null when the project has no other check, otherwise
 * a headline and up to 10 lines `name (last ping …)`.
 */
export function otherChecksSummary(ctx: Pick<NotificationContext, 'otherChecks' | 'status' | 'now'>): {
  headline: string;
  lines: string[];
} | null {
  const others = ctx.otherChecks;
  if (!others) return null;
  if (others.downCount === 0) return { headline: 'All the other checks are up.', lines: [] };
  const word = ctx.status === 'down' ? 'also' : 'still';
  if (others.downCount > 10) return { headline: `${others.downCount} other checks are ${word} down.`, lines: [] };
  const headline =
    others.down.length === 1 ? `1 other check is ${word} down:` : `${others.down.length} other checks are ${word} down:`;
  return {
    headline,
    lines: others.down.map(
      (c) => `${c.name || c.code} (last ping: ${c.lastPingAt === null ? 'never' : naturalTime(c.lastPingAt, ctx.now)})`,
    ),
  };
}

/** `UP`/`DOWN`, the form titles use. */
export function statusWord(ctx: Pick<NotificationContext, 'status'>): 'UP' | 'DOWN' {
  return ctx.status === 'up' ? 'UP' : 'DOWN';
}
