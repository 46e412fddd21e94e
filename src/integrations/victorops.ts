import { secretWebhookUrl } from './config-fields.js';
import { deliveryOf, defineIntegration, failed } from './integration.js';
import { incidentSummary } from './incident-text.js';
import { checkName } from './message-parts.js';
import { defaultVerdict, type OutboundResponse } from '../outbound/outbound-http.js';

/** A 404 means the REST endpoint (routing key) was deleted: it will not come back. */
function verdict(response: OutboundResponse) {
  const v = defaultVerdict(response);
  return v && response.status === 404 ? { ...v, permanent: true } : v;
}

export const victoropsIntegration = defineIntegration<string>({
  kind: 'victorops',
  label: 'Splunk On-Call',
  ...secretWebhookUrl,
  async notify(ctx, url, io) {
    if (!io.settings.victoropsEnabled) return failed('Splunk On-Call notifications are not enabled.');
    const result = await io.http.send(
      {
        method: 'POST',
        url,
        json: {
          entity_id: ctx.check.uniqueKey,
          message_type: ctx.status === 'down' ? 'CRITICAL' : 'RECOVERY',
          entity_display_name: checkName(ctx.check),
          state_message: incidentSummary(ctx),
          monitoring_tool: io.siteName,
        },
      },
      verdict,
    );
    return deliveryOf(result);
  },
});
