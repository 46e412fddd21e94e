import {
  checkName,
  lastPingText,
  longDuration,
  longReason,
  naturalTime,
  otherChecksSummary,
  sentenceDuration,
  tagList,
  totalPings,
} from './message-parts.js';
import type { NotificationContext } from './notification-context.js';

/** Wording shared by the incident tools and push services (spec §9.2 building blocks). */

type Ctx = Pick<NotificationContext, 'status' | 'flip' | 'check' | 'project' | 'lastPing' | 'downtimeMs' | 'now'>;

/** `Backup is DOWN` / `Backup is UP`: the title most of these kinds use. */
export function statusTitle(ctx: Pick<NotificationContext, 'status' | 'check'>): string {
  return `${checkName(ctx.check)} is ${ctx.status === 'up' ? 'UP' : 'DOWN'}`;
}

/** `Backup is DOWN (success signal did not arrive on time, grace time passed).`, or without the reason. */
export function downSentence(ctx: Pick<NotificationContext, 'flip' | 'check'>): string {
  const reason = longReason(ctx.flip);
  return `${checkName(ctx.check)} is DOWN${reason ? ` (${reason})` : ''}.`;
}

/**
 * One or two plain sentences for tools that show a short description: the down sentence and
 * when the last ping came, or the recovery and how long the downtime lasted.
 */
export function incidentSummary(ctx: Ctx): string {
  if (ctx.status === 'down') {
    const ping = ctx.lastPing;
    return ping ? `${downSentence(ctx)} Last ping was ${naturalTime(ping.at, ctx.now)}.` : downSentence(ctx);
  }
  const up = `${checkName(ctx.check)} received a ping and is now UP.`;
  return ctx.downtimeMs === null ? up : `${up} The downtime lasted ${sentenceDuration(ctx.downtimeMs)}.`;
}

/**
 * Project, tags, period (or schedule and time zone), total pings and last ping, as label/value
 * pairs; `code` marks up the values Healthchecks shows as code (tags, schedules).
 */
export function checkFacts(ctx: Ctx, code: (text: string) => string = (t) => t): [label: string, value: string][] {
  const facts: [string, string][] = [];
  if (ctx.project.name) facts.push(['Project', ctx.project.name]);
  const tags = tagList(ctx.check);
  if (tags.length > 0) facts.push(['Tags', tags.map(code).join(' ')]);
  if (ctx.check.kind === 'simple') facts.push(['Period', longDuration(ctx.check.timeoutSeconds)]);
  else facts.push(['Schedule', code(ctx.check.schedule)], ['Time Zone', ctx.check.tz]);
  facts.push(['Total Pings', String(totalPings(ctx))], ['Last Ping', lastPingText(ctx)]);
  return facts;
}

/** `**Project:** Ops` lines, tags and schedules in backticks (GitHub, Trello, ntfy). */
export function markdownFacts(ctx: Ctx): string[] {
  return checkFacts(ctx, (t) => `\`${t}\``).map(([label, value]) => `**${label}:** ${value}`);
}

/**
 * The "other checks" section of spec §9.2 as lines (headline, then `- name (last ping: …)`),
 * after a blank line; empty when the project has no other check.
 */
export function otherChecksLines(
  ctx: Pick<NotificationContext, 'otherChecks' | 'status' | 'now'>,
  escape: (text: string) => string = (t) => t,
): string[] {
  const summary = otherChecksSummary(ctx);
  if (!summary) return [];
  return ['', escape(summary.headline), ...summary.lines.map((line) => `- ${escape(line)}`)];
}
