import { z } from 'zod';
import { isSuccessStatus } from '../outbound/outbound-http.js';
import { parseStoredJson, httpUrl } from './config-fields.js';
import { defineIntegration, failed, deliveryOf } from './integration.js';
import { slackPayload } from './slack-payload.js';

/** What "Add to Slack" stores: Slack's `oauth.v2.access` answer, kept whole. */
const oauthSchema = z.looseObject(
  {
    incoming_webhook: z.looseObject(
      {
        url: httpUrl('incoming_webhook.url'),
        channel: z.string({ error: 'incoming_webhook.channel must be a string' }).optional(),
      },
      { error: 'incoming_webhook is required' },
    ),
    team_name: z.string({ error: 'team_name must be a string' }).optional(),
  },
  { error: 'config must be a webhook URL or an object with incoming_webhook.url' },
);

type SlackOAuth = z.infer<typeof oauthSchema>;
/** A webhook URL pasted by hand, or the OAuth document. */
type SlackConfig = string | SlackOAuth;

const webhookOf = (config: SlackConfig) => (typeof config === 'string' ? config : config.incoming_webhook.url);

export const slackIntegration = defineIntegration<SlackConfig>({
  kind: 'slack',
  label: 'Slack',
  configSchema: z.union([httpUrl('config'), oauthSchema], {
    error: 'config must be a webhook URL or an object with incoming_webhook.url',
  }),
  fromStored: (value) => (value.startsWith('{') ? parseStoredJson('slack', value, oauthSchema) : value),
  toStored: (config) => (typeof config === 'string' ? config : JSON.stringify(config)),
  // the incoming webhook's URL is as secret as the token
  secretFields: ['access_token', 'incoming_webhook.url'],
  isNoop: () => false,
  displayName(config) {
    const channel = typeof config === 'string' ? undefined : config.incoming_webhook.channel;
    return channel ? `Slack ${channel}` : 'Slack';
  },
  async notify(ctx, config, io) {
    if (!io.settings.slackEnabled) return failed('Slack notifications are not enabled.');
    const result = await io.http.send({ method: 'POST', url: webhookOf(config), json: slackPayload(ctx, io, 'joiner') }, (r) => {
      if (isSuccessStatus(r.status)) return null;
      // https://api.slack.com/messaging/webhooks#handling_errors: a 404 webhook is gone for good;
      // `invalid_token` means a deactivated user's token, which in practice never comes back.
      const permanent = r.status === 404 || (r.status === 400 && r.text === 'invalid_token');
      return { error: `Received status code ${r.status}`, permanent };
    });
    return deliveryOf(result);
  },
});
