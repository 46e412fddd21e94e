import { z } from 'zod';
import { isSuccessStatus, type OutboundResponse, type ResponseVerdict } from '../outbound/outbound-http.js';
import { configObject, parseStoredJson, requiredString } from './config-fields.js';
import { deliveryOf, defineIntegration, failed } from './integration.js';
import { statusTitle } from './incident-text.js';
import { cloakedUrl, lastPingText, longDuration, tagList, totalPings } from './message-parts.js';
import type { NotificationContext } from './notification-context.js';

export interface OpsgenieConfig {
  key: string;
  region: 'us' | 'eu';
}

const region = z.enum(['us', 'eu'], { error: 'region must be "us" or "eu"' });

const configSchema = configObject({ key: requiredString('key'), region: region.default('us') });

const storedSchema = z.object({ key: z.string().min(1), region: region.catch('us').default('us') });

/** Opsgenie explains refusals in a JSON `message`; Healthchecks appends it to the error. */
function verdict(response: OutboundResponse): ResponseVerdict {
  if (isSuccessStatus(response.status)) return null;
  const body = response.json();
  const message =
    typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string'
      ? (body as { message: string }).message
      : null;
  const detail = message === null ? '' : ` with a message: "${message}"`;
  return { error: `Received status code ${response.status}${detail}`, permanent: false };
}

function alertFields(ctx: NotificationContext, siteRoot: string) {
  const details: Record<string, string | number> = {
    Project: ctx.project.name,
    'Total pings': totalPings(ctx),
    'Last ping': lastPingText(ctx),
  };
  if (ctx.check.kind === 'simple') details.Period = longDuration(ctx.check.timeoutSeconds);
  else {
    details.Schedule = ctx.check.schedule;
    details['Time zone'] = ctx.check.tz;
  }
  details['Full details'] = cloakedUrl(siteRoot, ctx.check);
  return { tags: tagList(ctx.check), message: statusTitle(ctx), description: ctx.check.desc, details };
}

export const opsgenieIntegration = defineIntegration<OpsgenieConfig>({
  kind: 'opsgenie',
  label: 'Opsgenie',
  configSchema,
  fromStored(value) {
    // Channels added before regions existed store the bare API key.
    if (!value.startsWith('{')) return { key: value, region: 'us' };
    return parseStoredJson('opsgenie', value, storedSchema);
  },
  toStored: (config) => JSON.stringify(config),
  secretFields: ['key'],
  isNoop: () => false,
  async notify(ctx, config, io) {
    if (!io.settings.opsgenieEnabled) return failed('Opsgenie notifications are not enabled.');
    const base = config.region === 'eu' ? io.settings.opsgenie.euApiUrl : io.settings.opsgenie.usApiUrl;
    const alias = ctx.check.uniqueKey;
    const url = ctx.status === 'down' ? `${base}/v2/alerts` : `${base}/v2/alerts/${alias}/close?identifierType=alias`;
    const json =
      ctx.status === 'down' ? { alias, source: io.siteName, ...alertFields(ctx, io.siteRoot) } : { alias, source: io.siteName };
    const result = await io.http.send(
      { method: 'POST', url, headers: { Authorization: `GenieKey ${config.key}` }, json },
      verdict,
    );
    return deliveryOf(result);
  },
});
