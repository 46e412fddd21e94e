import { secretWebhookUrl } from './config-fields.js';
import { defineIntegration, failed, type IntegrationIo, deliveryOf } from './integration.js';
import { checkName, cloakedUrl, longReason, statusSentence, statusWord } from './message-parts.js';
import type { NotificationContext } from './notification-context.js';
import { checkFields, siteLogoUrl } from './slack-payload.js';

function headline(ctx: NotificationContext, url: string): string {
  const reason = ctx.status === 'down' ? longReason(ctx.flip) : '';
  const text = `[${checkName(ctx.check)}](${url}) is ${statusWord(ctx)}${reason ? ` (${reason})` : ''}.`;
  const downtime = ctx.status === 'up' ? statusSentence(ctx) : null;
  return downtime ? `${text} ${downtime}` : text;
}

/** Slack-like attachment fields, but the body is a link: Rocket.Chat has no collapsed code block. */
export function rocketchatPayload(ctx: NotificationContext, io: Pick<IntegrationIo, 'siteName' | 'siteRoot'>) {
  const url = cloakedUrl(io.siteRoot, ctx.check);
  const fields = checkFields(ctx, 'backslash');
  const size = ctx.lastPing?.body?.length ?? 0;
  if (ctx.lastPing && size > 0) {
    const value = `${size} ${size === 1 ? 'byte' : 'bytes'}, [show body](${url}#ping-${ctx.lastPing.n})`;
    fields.push({ title: 'Last Ping Body', value, short: true });
  }
  return {
    alias: io.siteName,
    avatar: siteLogoUrl(io.siteRoot),
    text: headline(ctx, url),
    attachments: [{ color: ctx.status === 'up' ? '#5cb85c' : '#d9534f', fields }],
  };
}

export const rocketchatIntegration = defineIntegration<string>({
  kind: 'rocketchat',
  label: 'Rocket.Chat',
  ...secretWebhookUrl,
  async notify(ctx, config, io) {
    if (!io.settings.rocketchatEnabled) return failed('Rocket.Chat notifications are not enabled.');
    return deliveryOf(await io.http.send({ method: 'POST', url: config, json: rocketchatPayload(ctx, io) }));
  },
});
