import type { IntegrationIo } from './integration.js';
import {
  checkName,
  cloakedUrl,
  lastPingText,
  longDuration,
  pingBodyText,
  statusSentence,
  statusWord,
  tagList,
  totalPings,
} from './message-parts.js';
import type { NotificationContext } from './notification-context.js';

/** One `{title, value}` entry of an attachment; `short` is left out for full-width fields. */
export interface SlackField {
  title: string;
  value: string;
  short?: true;
}

/** Healthchecks' absolute site logo URL: chat kinds show it as the sender's avatar. */
export function siteLogoUrl(siteRoot: string): string {
  return `${siteRoot}/static/img/logo.png`;
}

/**
 * Keeps cron asterisks from reading as Markdown emphasis: Slack and Mattermost get a combining
 * grapheme joiner in front of each, Discord and Rocket.Chat a backslash.
 */
export type AsteriskStyle = 'joiner' | 'backslash';

export function escapeAsterisks(text: string, style: AsteriskStyle): string {
  return text.replaceAll('*', style === 'joiner' ? '\u034f*' : '\\*');
}

function field(title: string, value: string, short = true): SlackField {
  return short ? { title, value, short: true } : { title, value };
}

/** Description, Project, Tags, Period or Schedule + Time Zone, Total Pings, Last Ping. */
export function checkFields(ctx: NotificationContext, asterisks: AsteriskStyle): SlackField[] {
  const { check } = ctx;
  const fields: SlackField[] = [];
  if (check.desc) fields.push(field('Description', check.desc, false));
  if (ctx.project.name) fields.push(field('Project', ctx.project.name));
  const tags = tagList(check);
  if (tags.length > 0) fields.push(field('Tags', tags.map((t) => `\`${t}\``).join(' ')));
  if (check.kind === 'simple') {
    fields.push(field('Period', longDuration(check.timeoutSeconds)));
  } else {
    fields.push(field('Schedule', escapeAsterisks(check.schedule, asterisks)));
    fields.push(field('Time Zone', check.tz));
  }
  fields.push(field('Total Pings', String(totalPings(ctx))));
  fields.push(field('Last Ping', lastPingText(ctx)));
  return fields;
}

/** The Slack-compatible incoming-webhook payload of spec §9.4 (slack, mattermost, discord). */
export function slackPayload(
  ctx: NotificationContext,
  io: Pick<IntegrationIo, 'siteName' | 'siteRoot'>,
  asterisks: AsteriskStyle,
) {
  const name = checkName(ctx.check);
  const word = statusWord(ctx);
  const fields = checkFields(ctx, asterisks);
  const body = pingBodyText(ctx.lastPing);
  // A body with its own fence would close ours early and garble the message.
  if (body && !body.includes('```')) fields.push(field('Last Ping Body', `\`\`\`\n${body}\n\`\`\``, false));
  return {
    username: io.siteName,
    icon_url: siteLogoUrl(io.siteRoot),
    attachments: [
      {
        color: ctx.status === 'up' ? 'good' : 'danger',
        fallback: `The check "${name}" is ${word}.`,
        mrkdwn_in: ['fields'],
        title: `“${name}” is ${word}.`,
        title_link: cloakedUrl(io.siteRoot, ctx.check),
        text: statusSentence(ctx),
        fields,
      },
    ],
  };
}
