import { z } from 'zod';
import { configObject, httpUrl, parseStoredJson, priority, recipientBucketKey, requiredString } from './config-fields.js';
import { deliveryOf, defineIntegration, failed } from './integration.js';
import { markdownFacts, otherChecksLines, statusTitle } from './incident-text.js';
import { cloakedUrl, statusSentence } from './message-parts.js';
import type { NotificationContext, NotifyStatus } from './notification-context.js';

export interface NtfyConfig {
  topic: string;
  url: string;
  token: string | null;
  /** 1 (min) … 5 (max); 0 sends nothing for down flips. */
  priority: number;
  priority_up: number;
}

const PRIORITIES = [0, 1, 2, 3, 4, 5] as const;
const DEFAULT_PRIORITY = 3;

const fields = {
  topic: requiredString('topic', 64),
  url: httpUrl('url'),
  token: z.string({ error: 'token must be a string' }).nullable().default(null),
  priority: priority('priority', PRIORITIES, DEFAULT_PRIORITY),
  priority_up: priority('priority_up', PRIORITIES, DEFAULT_PRIORITY),
};

const priorityOf = (config: NtfyConfig, status: NotifyStatus) => (status === 'up' ? config.priority_up : config.priority);

/** The channel's own token, else the server-wide NTFY_SH_TOKEN, which only ever goes to ntfy.sh itself. */
export function ntfyBearerToken(config: Pick<NtfyConfig, 'url' | 'token'>, ntfyShToken: string | null): string | null {
  if (config.token) return config.token;
  try {
    return new URL(config.url).origin === 'https://ntfy.sh' ? ntfyShToken : null;
  } catch {
    return null;
  }
}

function message(ctx: NotificationContext): string {
  const sentence = statusSentence(ctx);
  return [...(sentence ? [sentence, ''] : []), ...markdownFacts(ctx), ...otherChecksLines(ctx)].join('\n');
}

export const ntfyIntegration = defineIntegration<NtfyConfig>({
  kind: 'ntfy',
  label: 'ntfy',
  configSchema: configObject(fields),
  fromStored: (value) => {
    const stored = parseStoredJson('ntfy', value, z.object(fields));
    // Healthchecks stores "" for "no token".
    return { ...stored, token: stored.token || null };
  },
  toStored: (config) => JSON.stringify(config),
  secretFields: ['token'],
  isNoop: (config, status) => priorityOf(config, status) === 0,
  async notify(ctx, config, io) {
    if (!io.settings.ntfyEnabled) return failed('ntfy notifications are not enabled.');
    const bucket = recipientBucketKey('ntfy', `${config.url} ${config.topic}`, io.secretKey);
    if (!(await io.allow(bucket, 6, 60_000))) return failed('Rate limit exceeded');
    const token = ntfyBearerToken(config, io.settings.ntfyShToken);
    const result = await io.http.send({
      method: 'POST',
      url: config.url,
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      json: {
        topic: config.topic,
        priority: priorityOf(config, ctx.status),
        title: statusTitle(ctx),
        message: message(ctx),
        markdown: true,
        tags: [ctx.status === 'down' ? 'red_circle' : 'green_circle'],
        actions: [{ action: 'view', label: `View on ${io.siteName}`, url: cloakedUrl(io.siteRoot, ctx.check) }],
      },
    });
    return deliveryOf(result);
  },
});
