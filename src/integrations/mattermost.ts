import { toDelivery, webhookUrl } from './chat-config.js';
import { defineIntegration, failed } from './integration.js';
import { slackPayload } from './slack-payload.js';

/** A Mattermost incoming webhook: it speaks the Slack payload. */
export const mattermostIntegration = defineIntegration<string>({
  kind: 'mattermost',
  label: 'Mattermost',
  secretFields: [''],
  configSchema: webhookUrl('config'),
  fromStored: (value) => value,
  toStored: (config) => config,
  isNoop: () => false,
  async notify(ctx, config, io) {
    if (!io.settings.mattermostEnabled) return failed('Mattermost notifications are not enabled.');
    return toDelivery(await io.http.send({ method: 'POST', url: config, json: slackPayload(ctx, io, 'joiner') }));
  },
});
