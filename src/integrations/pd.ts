import { z } from 'zod';
import { deliveryOf, defineIntegration, failed } from './integration.js';
import { configObject, parseStoredJson, requiredString } from './config-fields.js';
import { downSentence } from './incident-text.js';
import { checkName, detailsUrl, lastPingText, longDuration, tagList, totalPings } from './message-parts.js';
import type { NotificationContext } from './notification-context.js';

/** `account` names the PagerDuty account the "connect" flow picked; a plain key has none. */
export interface PdConfig {
  service_key: string;
  account: string | null;
}

const objectSchema = configObject({
  service_key: requiredString('service_key', 32),
  account: z.string({ error: 'account must be a string' }).nullable().default(null),
});

/** The API takes the object or, like the simple install form, a bare service key. */
const configSchema = z.preprocess((v) => (typeof v === 'string' ? { service_key: v } : v), objectSchema);

const storedSchema = z.object({ service_key: z.string().min(1), account: z.string().nullish() });

function details(ctx: NotificationContext): Record<string, string | number> {
  const result: Record<string, string | number> = {
    Project: ctx.project.name,
    'Total pings': totalPings(ctx),
    'Last ping': lastPingText(ctx),
  };
  if (ctx.check.desc) result.Description = ctx.check.desc;
  const tags = tagList(ctx.check);
  if (tags.length > 0) result.Tags = tags.join(', ');
  if (ctx.check.kind === 'simple') result.Period = longDuration(ctx.check.timeoutSeconds);
  else {
    result.Schedule = ctx.check.schedule;
    result['Time zone'] = ctx.check.tz;
  }
  return result;
}

export const pdIntegration = defineIntegration<PdConfig>({
  kind: 'pd',
  label: 'PagerDuty',
  configSchema,
  fromStored(value) {
    if (!value.startsWith('{')) return { service_key: value, account: null };
    const stored = parseStoredJson('pd', value, storedSchema);
    return { service_key: stored.service_key, account: stored.account ?? null };
  },
  // Without an account the Healthchecks "simple" form, a bare key, is what it stores too.
  toStored: (config) => (config.account === null ? config.service_key : JSON.stringify(config)),
  secretFields: ['service_key'],
  isNoop: () => false,
  async notify(ctx, config, io) {
    if (!io.settings.pdEnabled) return failed('PagerDuty notifications are not enabled.');
    const description = ctx.status === 'down' ? downSentence(ctx) : `${checkName(ctx.check)} received a ping and is now UP`;
    const result = await io.http.send({
      method: 'POST',
      url: `${io.settings.pdApiUrl}/generic/2010-04-15/create_event.json`,
      json: {
        service_key: config.service_key,
        incident_key: ctx.check.uniqueKey,
        event_type: ctx.status === 'down' ? 'trigger' : 'resolve',
        description,
        client: io.siteName,
        // The one link that is not cloaked (spec §9.2): PagerDuty users open it from the incident.
        client_url: detailsUrl(io.siteRoot, ctx.check),
        details: details(ctx),
      },
    });
    return deliveryOf(result);
  },
});
