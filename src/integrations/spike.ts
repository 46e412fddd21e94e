import { httpUrl } from './incident-config.js';
import { deliveryOf } from './incident-delivery.js';
import { incidentSummary, statusTitle } from './incident-text.js';
import { defineIntegration, failed } from './integration.js';

export const spikeIntegration = defineIntegration<string>({
  kind: 'spike',
  label: 'Spike',
  secretFields: [''],
  configSchema: httpUrl('config'),
  fromStored: (value) => value,
  toStored: (url) => url,
  isNoop: () => false,
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
