import { z } from 'zod';
import { isSuccessStatus } from '../outbound/outbound-http.js';
import { parseStoredJson, httpUrl } from './config-fields.js';
import { defineIntegration, failed, deliveryOf } from './integration.js';
import { slackPayload } from './slack-payload.js';

/** What the Discord OAuth flow stores (`webhook.incoming` scope), kept whole. */
const discordSchema = z.looseObject(
  {
    webhook: z.looseObject(
      { url: httpUrl('webhook.url'), id: z.string({ error: 'webhook.id must be a string' }).optional() },
      { error: 'webhook is required' },
    ),
  },
  { error: 'config must be an object' },
);

type DiscordConfig = z.infer<typeof discordSchema>;

/** Discord stopped answering on discordapp.com (November 2020); older channels still store it. */
export function discordWebhookUrl(config: DiscordConfig): string {
  const url = config.webhook.url;
  return url.startsWith('https://discordapp.com/') ? `https://discord.com/${url.slice('https://discordapp.com/'.length)}` : url;
}

export const discordIntegration = defineIntegration<DiscordConfig>({
  kind: 'discord',
  label: 'Discord',
  configSchema: discordSchema,
  fromStored: (value) => parseStoredJson('discord', value, discordSchema),
  toStored: (config) => JSON.stringify(config),
  // the webhook URL carries its token
  secretFields: ['access_token', 'refresh_token', 'webhook.url'],
  isNoop: () => false,
  async notify(ctx, config, io) {
    if (!io.settings.discordEnabled) return failed('Discord notifications are not enabled.');
    // Discord's Slack-compatible endpoint; it wants asterisks escaped with a backslash.
    const request = {
      method: 'POST' as const,
      url: `${discordWebhookUrl(config)}/slack`,
      json: slackPayload(ctx, io, 'backslash'),
    };
    const result = await io.http.send(request, (r) =>
      isSuccessStatus(r.status) ? null : { error: `Received status code ${r.status}`, permanent: r.status === 404 },
    );
    return deliveryOf(result);
  },
});
