import { simpleParser } from 'mailparser';
import type { LastPing, NotificationContext } from './notification-context.js';
import {
  checkName,
  cloakedUrl,
  longDuration,
  naturalTime,
  otherChecksSummary,
  pingBodyText,
  pingKindDisplay,
  statusSentence,
  statusWord,
  tagList,
} from './message-parts.js';

/** Healthchecks shows the first 10,000 characters of the body, then `[truncated]`. */
export const BODY_LIMIT_CHARS = 10_000;

export interface LastPingFacts {
  /** `2 days ago`. */
  ago: string;
  remoteAddr: string | null;
  /** `HTTPS POST`, `Email`. */
  via: string;
  /** `Success`, `Exit status 3`. */
  type: string;
  /** The Subject of an email ping. */
  subject: string | null;
}

/** Everything the text and HTML bodies of an alert email say, worded once for both. */
export interface AlertFacts {
  name: string;
  /** `down`/`up`, as in "has gone down". */
  status: 'up' | 'down';
  word: 'UP' | 'DOWN';
  sentence: string | null;
  url: string;
  desc: string;
  project: string;
  tags: string[];
  /** `[label, value]` rows: Period for simple checks, Schedule and Time Zone otherwise. */
  timing: Array<[string, string]>;
  totalPings: number;
  lastPing: LastPingFacts | null;
  /** `2026-01-05 09:59:00 UTC`. */
  changedAt: string;
  /** The body shown inline; `attached` when an email ping goes along as `last-ping.eml`. */
  body: { text: string; truncated: boolean } | 'attached' | null;
  others: { headline: string; lines: string[] } | null;
  siteName: string;
  unsubscribeUrl: string;
}

function via(ping: LastPing): string {
  if (ping.scheme === 'email') return 'Email';
  return ping.scheme.startsWith('http') ? `${ping.scheme.toUpperCase()} ${ping.method}` : ping.scheme.toUpperCase();
}

/** The status change time in UTC, readable and sortable: `2026-01-05 09:59:00 UTC`. */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

async function emailSubject(body: Uint8Array): Promise<string | null> {
  try {
    const parsed = await simpleParser(Buffer.from(body), { skipHtmlToText: true, skipTextToHtml: true });
    return parsed.subject ?? null;
  } catch {
    // A body that is not a parsable message still goes along as the attachment.
    return null;
  }
}

function inlineBody(ping: LastPing | null): AlertFacts['body'] {
  const text = pingBodyText(ping, null);
  if (text === null) return null;
  return { text: text.slice(0, BODY_LIMIT_CHARS), truncated: text.length > BODY_LIMIT_CHARS };
}

export async function gatherAlertFacts(
  ctx: NotificationContext,
  site: { siteName: string; siteRoot: string },
  unsubscribeUrl: string,
): Promise<AlertFacts> {
  const { check } = ctx;
  const ping = ctx.lastPing;
  const isEmailPing = ping?.scheme === 'email' && ping.body !== null && ping.body.length > 0;
  return {
    name: checkName(check),
    status: ctx.status,
    word: statusWord(ctx),
    sentence: statusSentence(ctx),
    url: cloakedUrl(site.siteRoot, check),
    desc: check.desc,
    project: ctx.project.name,
    tags: tagList(check),
    timing:
      check.kind === 'simple'
        ? [['Period', longDuration(check.timeoutSeconds)]]
        : [
            ['Schedule', check.schedule],
            ['Time Zone', check.tz],
          ],
    totalPings: ping?.n ?? 0,
    lastPing: ping && {
      ago: naturalTime(ping.at, ctx.now),
      remoteAddr: ping.remoteAddr,
      via: via(ping),
      type: pingKindDisplay(ping),
      subject: isEmailPing && ping.body ? await emailSubject(ping.body) : null,
    },
    changedAt: formatUtc(ctx.flip.at),
    body: isEmailPing ? 'attached' : inlineBody(ping),
    others: otherChecksSummary(ctx),
    siteName: site.siteName,
    unsubscribeUrl,
  };
}
