import { secretWebhookUrl } from './config-fields.js';
import { deliveryOf, defineIntegration, failed } from './integration.js';
import { incidentSummary, statusTitle } from './incident-text.js';
import { tagList } from './message-parts.js';

export const pagertreeIntegration = defineIntegration<string>({
  kind: 'pagertree',
  label: 'PagerTree',
  ...secretWebhookUrl,
  async notify(ctx, url, io) {
    if (!io.settings.pagertreeEnabled) return failed('PagerTree notifications are not enabled.');
    const result = await io.http.send({
      method: 'POST',
      url,
      json: {
        incident_key: ctx.check.uniqueKey,
        event_type: ctx.status === 'down' ? 'trigger' : 'resolve',
        title: statusTitle(ctx),
        description: incidentSummary(ctx),
        client: io.siteName,
        client_url: io.siteRoot,
        tags: tagList(ctx.check).join(' '),
      },
    });
    return deliveryOf(result);
  },
});
