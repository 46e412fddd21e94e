import { requiredString } from './config-fields.js';
import { deliveryOf, defineIntegration, failed } from './integration.js';
import { incidentSummary } from './incident-text.js';

/** The config is the access token the Pushbullet OAuth flow returned. */
export const pushbulletIntegration = defineIntegration<string>({
  kind: 'pushbullet',
  label: 'Pushbullet',
  secretFields: [''],
  configSchema: requiredString('config'),
  fromStored: (value) => value,
  toStored: (token) => token,
  isNoop: () => false,
  async notify(ctx, token, io) {
    if (!io.settings.pushbulletEnabled) return failed('Pushbullet notifications are not enabled.');
    const result = await io.http.send({
      method: 'POST',
      url: `${io.settings.pushbulletApiUrl}/v2/pushes`,
      headers: { 'Access-Token': token },
      json: { type: 'note', title: io.siteName, body: incidentSummary(ctx) },
    });
    return deliveryOf(result);
  },
});
