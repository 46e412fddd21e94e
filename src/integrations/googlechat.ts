import { secretWebhookUrl } from './config-fields.js';
import { escapeHtml } from '../domain/escape-html.js';
import { defineIntegration, failed, type IntegrationIo, deliveryOf } from './integration.js';
import { checkName, cloakedUrl, lastPingText, longDuration, statusSentence, tagList, totalPings } from './message-parts.js';
import type { NotificationContext } from './notification-context.js';

// Card text takes simple HTML, so user-entered values are escaped.
const decorated = (topLabel: string, text: string) => ({ decoratedText: { topLabel, text: escapeHtml(text) } });

/** Google Chat's text paragraph takes a little HTML: the name is escaped, the status bold. */
function headline(ctx: NotificationContext): string {
  const name = escapeHtml(checkName(ctx.check));
  const first =
    ctx.status === 'down' ? `🔴 The check <b>${name}</b> is <b>DOWN</b>.` : `🟢 The check <b>${name}</b> is now <b>UP</b>.`;
  const sentence = statusSentence(ctx);
  return sentence ? `${first}\n${sentence}` : first;
}

export function googlechatPayload(ctx: NotificationContext, io: Pick<IntegrationIo, 'siteName' | 'siteRoot'>) {
  const { check } = ctx;
  const widgets: object[] = [{ textParagraph: { text: headline(ctx) } }];
  if (ctx.project.name) widgets.push(decorated('Project', ctx.project.name));
  const tags = tagList(check);
  if (tags.length > 0) widgets.push(decorated('Tags', tags.join(', ')));
  if (check.kind === 'simple') {
    widgets.push(decorated('Period', longDuration(check.timeoutSeconds)));
  } else {
    widgets.push(decorated('Schedule', check.schedule), decorated('Time Zone', check.tz));
  }
  widgets.push(decorated('Total Pings', String(totalPings(ctx))), decorated('Last Ping', lastPingText(ctx)));
  widgets.push({
    buttonList: {
      buttons: [
        { text: `View in ${io.siteName}`, type: 'FILLED', onClick: { openLink: { url: cloakedUrl(io.siteRoot, check) } } },
      ],
    },
  });
  // The headline stays visible; the details fold away.
  return { cardsV2: [{ card: { sections: [{ collapsible: true, uncollapsibleWidgetsCount: 1, widgets }] } }] };
}

export const googlechatIntegration = defineIntegration<string>({
  kind: 'googlechat',
  label: 'Google Chat',
  ...secretWebhookUrl,
  async notify(ctx, config, io) {
    if (!io.settings.googlechatEnabled) return failed('Google Chat notifications are not enabled.');
    return deliveryOf(await io.http.send({ method: 'POST', url: config, json: googlechatPayload(ctx, io) }));
  },
});
