import { secretWebhookUrl } from './config-fields.js';
import { defineIntegration, failed, deliveryOf } from './integration.js';
import { slackPayload } from './slack-payload.js';

/** A Mattermost incoming webhook: it speaks the Slack payload. */
export const mattermostIntegration = defineIntegration<string>({
  kind: 'mattermost',
  label: 'Mattermost',
  ...secretWebhookUrl,
  async notify(ctx, config, io) {
    if (!io.settings.mattermostEnabled) return failed('Mattermost notifications are not enabled.');
    return deliveryOf(await io.http.send({ method: 'POST', url: config, json: slackPayload(ctx, io, 'joiner') }));
  },
});
