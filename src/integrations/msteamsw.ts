import { secretWebhookUrl } from './config-fields.js';
import { defineIntegration, failed, type IntegrationIo, deliveryOf } from './integration.js';
import {
  checkName,
  cloakedUrl,
  lastPingText,
  longDuration,
  longReason,
  pingBodyText,
  statusSentence,
  statusWord,
  tagList,
  totalPings,
} from './message-parts.js';
import type { NotificationContext } from './notification-context.js';
import { escapeAsterisks } from './slack-payload.js';

function heading(ctx: NotificationContext): string {
  const name = checkName(ctx.check);
  if (ctx.status === 'down') {
    const reason = longReason(ctx.flip);
    return `🔴 “${name}” is DOWN${reason ? ` (${reason})` : ''}.`;
  }
  const downtime = statusSentence(ctx);
  return downtime ? `🟢 “${name}” is UP. ${downtime}` : `🟢 “${name}” is UP.`;
}

function facts(ctx: NotificationContext): { title: string; value: string }[] {
  const { check } = ctx;
  const out: { title: string; value: string }[] = [];
  // A FactSet value is Markdown: a single newline would not break the line.
  if (check.desc) out.push({ title: 'Description:', value: check.desc.replaceAll('\n', '\n\n') });
  if (ctx.project.name) out.push({ title: 'Project:', value: ctx.project.name });
  const tags = tagList(check);
  if (tags.length > 0) out.push({ title: 'Tags:', value: tags.join(' ') });
  if (check.kind === 'simple') {
    out.push({ title: 'Period:', value: longDuration(check.timeoutSeconds) });
  } else {
    out.push({ title: 'Schedule:', value: escapeAsterisks(check.schedule, 'joiner') });
    out.push({ title: 'Time Zone:', value: check.tz });
  }
  out.push({ title: 'Total Pings:', value: String(totalPings(ctx)) });
  out.push({ title: 'Last Ping:', value: lastPingText(ctx) });
  return out;
}

/** A Teams Workflows message carrying one Adaptive Card (v1.2, the version Teams renders). */
export function msteamswPayload(ctx: NotificationContext, io: Pick<IntegrationIo, 'siteName' | 'siteRoot'>) {
  const blocks: object[] = [
    { type: 'TextBlock', text: heading(ctx), weight: 'bolder', size: 'medium', wrap: true, style: 'heading' },
    { type: 'FactSet', facts: facts(ctx) },
  ];
  const body = pingBodyText(ctx.lastPing);
  if (body) {
    blocks.push(
      { type: 'TextBlock', text: 'Last Ping Body:', weight: 'bolder' },
      { type: 'CodeBlock', codeSnippet: body, language: 'PlainText' },
    );
  }
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          fallbackText: `“${checkName(ctx.check)}” is ${statusWord(ctx)}.`,
          version: '1.2',
          body: blocks,
          actions: [{ type: 'Action.OpenUrl', title: `View in ${io.siteName}`, url: cloakedUrl(io.siteRoot, ctx.check) }],
        },
      },
    ],
  };
}

export const msteamswIntegration = defineIntegration<string>({
  kind: 'msteamsw',
  label: 'Microsoft Teams',
  ...secretWebhookUrl,
  async notify(ctx, config, io) {
    if (!io.settings.msteamsEnabled) return failed('MS Teams notifications are not enabled.');
    return deliveryOf(await io.http.send({ method: 'POST', url: config, json: msteamswPayload(ctx, io) }));
  },
});
