import { z } from 'zod';
import { isSuccessStatus, type OutboundResponse } from '../outbound/outbound-http.js';
import { notAnObject, parseStoredJson, requiredString, httpUrl } from './config-fields.js';
import { defineIntegration, failed, deliveryOf } from './integration.js';
import { checkName, cloakedUrl, longReason, statusSentence, statusWord } from './message-parts.js';
import type { NotificationContext } from './notification-context.js';

const shape = {
  bot_email: z.email({ error: 'bot_email is not a valid email address' }).max(100, 'bot_email must be at most 100 characters'),
  api_key: requiredString('api_key', 50),
  mtype: z.enum(['stream', 'private'], { error: 'mtype must be "stream" or "private"' }),
  to: requiredString('to', 100),
  site: httpUrl('site').optional(),
  topic: z.string({ error: 'topic must be a string' }).max(100, 'topic must be at most 100 characters').default(''),
};

type ZulipInput = z.infer<z.ZodObject<typeof shape>>;
type ZulipConfig = ZulipInput & { site: string };

// Channels from before Zulip's `site` field was stored post to the bot email's domain.
const withSite = (c: ZulipInput): ZulipConfig => ({ ...c, site: c.site ?? `https://${c.bot_email.split('@')[1]}` });

const configSchema = z.strictObject(shape, { error: notAnObject }).transform(withSite);
// Stored addresses passed Healthchecks' own email check; a stricter reading here must not strand them.
const storedSchema = z
  .object(
    { ...shape, bot_email: z.string().includes('@', { error: 'bot_email is not a valid email address' }) },
    { error: notAnObject },
  )
  .transform(withSite);

/** A numeric private recipient is a user ID, which Zulip only reads as a JSON list. */
function formattedTo(config: ZulipConfig): string {
  return config.mtype === 'private' && /^\d+$/.test(config.to) ? `[${config.to}]` : config.to;
}

function content(ctx: NotificationContext, siteRoot: string): string {
  const reason = ctx.status === 'down' ? longReason(ctx.flip) : '';
  let text = `[${checkName(ctx.check)}](${cloakedUrl(siteRoot, ctx.check)}) is **${statusWord(ctx)}**${reason ? ` (${reason})` : ''}.`;
  const downtime = ctx.status === 'up' ? statusSentence(ctx) : null;
  if (downtime) text += `\n${downtime}`;
  if (ctx.check.desc) text += `\n\n---\n**Description**\n${ctx.check.desc}`;
  return text;
}

function verdict(r: OutboundResponse) {
  if (isSuccessStatus(r.status)) return null;
  const body = r.json() as { msg?: unknown } | undefined;
  const detail = typeof body?.msg === 'string' ? ` with a message: "${body.msg}"` : '';
  return { error: `Received status code ${r.status}${detail}`, permanent: false };
}

export const zulipIntegration = defineIntegration<ZulipConfig>({
  kind: 'zulip',
  label: 'Zulip',
  configSchema,
  fromStored: (value) => parseStoredJson('zulip', value, storedSchema),
  toStored: (config) => JSON.stringify(config),
  secretFields: ['api_key'],
  isNoop: () => false,
  displayName: (config) => (config.mtype === 'stream' ? `Zulip stream ${config.to}` : `Zulip user ${config.to}`),
  async notify(ctx, config, io) {
    if (!io.settings.zulipEnabled) return failed('Zulip notifications are not enabled.');
    const form = {
      type: config.mtype,
      to: formattedTo(config),
      topic: config.topic || `${checkName(ctx.check)} is ${statusWord(ctx)}`,
      content: content(ctx, io.siteRoot),
    };
    const url = `${config.site.replace(/\/+$/, '')}/api/v1/messages`;
    const request = { method: 'POST' as const, url, form, basicAuth: { user: config.bot_email, password: config.api_key } };
    return deliveryOf(await io.http.send(request, verdict));
  },
});
