import { uniqueKey } from '../domain/unique-key.js';
import { cloakedUrl, naturalTime, otherChecksSummary } from './message-parts.js';
import type { NotificationContext } from './notification-context.js';

export interface LinkedOtherCheck {
  name: string;
  url: string;
  /** `5 minutes ago`, or `never`. */
  lastPing: string;
}

/**
 * The "other checks" section (spec §9.2) for the kinds whose template links each listed check
 * (Telegram, Matrix): the shared headline plus a cloaked link per check.
 */
export function linkedOtherChecks(
  ctx: Pick<NotificationContext, 'otherChecks' | 'status' | 'now'>,
  siteRoot: string,
): { headline: string; checks: LinkedOtherCheck[] } | null {
  const summary = otherChecksSummary(ctx);
  if (!summary) return null;
  const listed = summary.lines.length > 0 ? (ctx.otherChecks?.down ?? []) : [];
  return {
    headline: summary.headline,
    checks: listed.map((c) => ({
      name: c.name || c.code,
      url: cloakedUrl(siteRoot, { uniqueKey: uniqueKey(c.code) }),
      lastPing: c.lastPingAt === null ? 'never' : naturalTime(c.lastPingAt, ctx.now),
    })),
  };
}
