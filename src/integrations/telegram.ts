import { z } from 'zod';
import { isSuccessStatus, type OutboundResponse, type OutboundResult } from '../outbound/outbound-http.js';
import { notAnObject, parseStoredJson } from './config-fields.js';
import { htmlHeadline } from './chat-html.js';
import { escapeHtml } from '../domain/escape-html.js';
import { linkedOtherChecks } from './chat-other-checks.js';
import { defineIntegration, failed, type IntegrationIo, deliveryOf } from './integration.js';
import { lastPingText, longDuration, pingBodyText, tagList, totalPings } from './message-parts.js';
import type { NotificationContext } from './notification-context.js';

const shape = {
  id: z.int({ error: 'id must be an integer chat ID' }),
  type: z.enum(['private', 'group', 'supergroup', 'channel'], {
    error: 'type must be one of private, group, supergroup, channel',
  }),
  name: z.string({ error: 'name must be a string' }).max(100, 'name must be at most 100 characters'),
  thread_id: z.int({ error: 'thread_id must be an integer or null' }).nullable().default(null),
};

const configSchema = z.strictObject(shape, { error: notAnObject });
type TelegramConfig = z.infer<typeof configSchema>;

/** Answers after which this chat will never accept the bot's messages again. */
const PERMANENT_DESCRIPTIONS = new Set([
  'Forbidden: bot was blocked by the user',
  'Forbidden: bot was kicked from the group chat',
  'Forbidden: bot was kicked from the supergroup chat',
  'Forbidden: the group chat was deleted',
  'Forbidden: user is deactivated',
  'Bad Request: chat not found',
]);

interface TelegramError {
  description?: unknown;
  parameters?: { migrate_to_chat_id?: unknown };
}

function migrateTo(response: OutboundResponse | null): number | null {
  const target = (response?.json() as TelegramError | undefined)?.parameters?.migrate_to_chat_id;
  return typeof target === 'number' && Number.isInteger(target) ? target : null;
}

function verdict(r: OutboundResponse) {
  if (isSuccessStatus(r.status)) return null;
  // A group upgraded to a supergroup: no point retrying the old ID, notify() moves the channel.
  if (migrateTo(r) !== null) return { error: `Received status code ${r.status}`, permanent: true };
  const description = (r.json() as TelegramError | undefined)?.description;
  if (typeof description !== 'string') return { error: `Received status code ${r.status}`, permanent: false };
  return {
    error: `Received status code ${r.status} with a message: "${description}"`,
    permanent: PERMANENT_DESCRIPTIONS.has(description),
  };
}

export function telegramText(ctx: NotificationContext, siteRoot: string): string {
  const { check } = ctx;
  const lines = [htmlHeadline(ctx, siteRoot), ''];
  if (ctx.project.name) lines.push(`<b>Project:</b> ${escapeHtml(ctx.project.name)}`);
  const tags = tagList(check);
  if (tags.length > 0) lines.push(`<b>Tags:</b> ${escapeHtml(tags.join(', '))}`);
  if (check.kind === 'simple') {
    lines.push(`<b>Period:</b> ${longDuration(check.timeoutSeconds)}`);
  } else {
    lines.push(`<b>Schedule:</b> <code>${escapeHtml(check.schedule)}</code>`, `<b>Time Zone:</b> ${escapeHtml(check.tz)}`);
  }
  lines.push(`<b>Total Pings:</b> ${totalPings(ctx)}`, `<b>Last Ping:</b> ${lastPingText(ctx)}`);
  // Telegram takes 4096 characters; the body is cut at 1000 like every chat kind's.
  const body = pingBodyText(ctx.lastPing);
  if (body) lines.push('<b>Last Ping Body:</b>', `<pre>${escapeHtml(body)}</pre>`);
  const others = linkedOtherChecks(ctx, siteRoot);
  if (others) {
    lines.push('', others.headline);
    for (const c of others.checks)
      lines.push(`- <a href="${escapeHtml(c.url)}">${escapeHtml(c.name)}</a> (last ping: ${c.lastPing})`);
  }
  return lines.join('\n');
}

function sendMessage(io: IntegrationIo, token: string, config: TelegramConfig, text: string): Promise<OutboundResult> {
  const json = {
    chat_id: config.id,
    ...(config.thread_id === null ? {} : { message_thread_id: config.thread_id }),
    text,
    parse_mode: 'html',
  };
  return io.http.send({ method: 'POST', url: `${io.settings.telegram.apiUrl}/bot${token}/sendMessage`, json }, verdict);
}

export const telegramIntegration = defineIntegration<TelegramConfig>({
  kind: 'telegram',
  label: 'Telegram',
  configSchema,
  fromStored: (value) => parseStoredJson('telegram', value, z.object(shape, { error: notAnObject })),
  toStored: (config) => JSON.stringify(config),
  isNoop: () => false,
  displayName: (config) => `Telegram ${config.name}`,
  async notify(ctx, config, io) {
    const token = io.settings.telegram.token;
    if (!token) return failed('Telegram notifications are not enabled.');
    if (!(await io.allow(`tg-${config.id}`, 6, 60_000))) return failed('Rate limit exceeded');
    const text = telegramText(ctx, io.siteRoot);
    const result = await sendMessage(io, token, config, text);
    const newId = result.ok ? null : migrateTo(result.response);
    if (newId === null) return deliveryOf(result);
    // Save the new chat ID first, so the next notification goes there even if this one fails.
    const moved = { ...config, id: newId };
    await io.updateChannelValue(JSON.stringify(moved));
    return deliveryOf(await sendMessage(io, token, moved, text));
  },
});
