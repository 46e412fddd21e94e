import type { OutgoingEmail } from '../outbound/mailer.js';
import { alertHtml } from './email-alert-html.js';
import { alertText } from './email-alert-text.js';
import { gatherAlertFacts } from './email-alert-facts.js';
import type { NotificationContext } from './notification-context.js';

export type AlertMessage = Pick<OutgoingEmail, 'subject' | 'text' | 'html' | 'attachments'>;

/**
 * The alert email of spec §9.3 row `email`: subject `DOWN | <name>` / `UP | <name>`, a text and
 * an HTML body with the same facts, and an email ping's raw message attached as `last-ping.eml`
 * (shown inline it would be unreadable MIME source).
 */
export async function buildAlertMessage(
  ctx: NotificationContext,
  site: { siteName: string; siteRoot: string },
  unsubscribeUrl: string,
): Promise<AlertMessage> {
  const facts = await gatherAlertFacts(ctx, site, unsubscribeUrl);
  const body = ctx.lastPing?.body;
  return {
    subject: `${facts.word} | ${facts.name}`,
    text: alertText(facts),
    html: alertHtml(facts),
    attachments:
      facts.body === 'attached' && body
        ? [{ filename: 'last-ping.eml', content: body, contentType: 'message/rfc822' }]
        : undefined,
  };
}
