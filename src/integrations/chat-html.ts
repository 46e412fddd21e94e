import { checkName, cloakedUrl, longReason, statusSentence } from './message-parts.js';
import type { NotificationContext } from './notification-context.js';
import { escapeHtml } from '../domain/escape-html.js';

/** `<name> is DOWN (reason).` or `<name> is now UP. The downtime lasted …`, `name` already formatted. */
export function statusLine(ctx: NotificationContext, name: string, bold: (word: string) => string = (w) => w): string {
  if (ctx.status === 'down') {
    const reason = longReason(ctx.flip);
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
