import { secretWebhookUrl } from './config-fields.js';
import { deliveryOf, defineIntegration, failed } from './integration.js';
import { incidentSummary, statusTitle } from './incident-text.js';

export const spikeIntegration = defineIntegration<string>({
  kind: 'spike',
  label: 'Spike',
  ...secretWebhookUrl,
  async notify(ctx, url, io) {
    if (!io.settings.spikeEnabled) return failed('Spike notifications are not enabled.');
    const result = await io.http.send({
      method: 'POST',
      url,
      json: {
        check_id: ctx.check.uniqueKey,
        title: statusTitle(ctx),
        message: incidentSummary(ctx),
        status: ctx.status,
      },
    });
    return deliveryOf(result);
  },
});
