import { checkName, cloakedUrl, longReason, statusSentence } from './message-parts.js';
import type { NotificationContext } from './notification-context.js';

/**
 * Escapes text for HTML message formats (Telegram, Matrix, Google Chat) the way Django's
 * autoescape does, so a check named `<b>` shows as typed and cannot break the markup.
 */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#x27;');
}

/** `<name> is DOWN (reason).` or `<name> is now UP. The downtime lasted …`, `name` already formatted. */
export function statusLine(ctx: NotificationContext, name: string, bold: (word: string) => string = (w) => w): string {
  if (ctx.status === 'down') {
    const reason = longReason(ctx.flip.reason);
    return `${name} is ${bold('DOWN')}${reason ? ` (${reason})` : ''}.`;
  }
  const downtime = statusSentence(ctx);
  return `${name} is now ${bold('UP')}.${downtime ? ` ${downtime}` : ''}`;
}

/** The first line of the HTML kinds: a status dot, the linked name and the bold status. */
export function htmlHeadline(ctx: NotificationContext, siteRoot: string): string {
  const link = `<a href="${escapeHtml(cloakedUrl(siteRoot, ctx.check))}">${escapeHtml(checkName(ctx.check))}</a>`;
  return `${ctx.status === 'down' ? '🔴' : '🟢'} The check ${statusLine(ctx, link, (w) => `<b>${w}</b>`)}`;
}
