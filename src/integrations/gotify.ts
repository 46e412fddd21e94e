import { z } from 'zod';
import { configObject, httpUrl, parseStoredJson, priority, requiredString } from './config-fields.js';
import { deliveryOf, defineIntegration, failed } from './integration.js';
import { markdownFacts, otherChecksLines, statusTitle } from './incident-text.js';
import { checkName, cloakedUrl, statusSentence } from './message-parts.js';
import type { NotificationContext, NotifyStatus } from './notification-context.js';

export interface GotifyConfig {
  url: string;
  token: string;
  /** Gotify's 0 (hidden), 2 (low), 5 (normal), 9 (high); 0 sends nothing here. */
  priority: number;
  priority_up: number;
}

const PRIORITIES = [0, 2, 5, 9] as const;
const DEFAULT_PRIORITY = 5;

const fields = {
  url: httpUrl('url'),
  token: requiredString('token'),
  priority: priority('priority', PRIORITIES, DEFAULT_PRIORITY),
  priority_up: priority('priority_up', PRIORITIES, DEFAULT_PRIORITY),
};

const priorityOf = (config: GotifyConfig, status: NotifyStatus) => (status === 'up' ? config.priority_up : config.priority);

/** `<url>/message?token=…`, keeping a path the server is mounted under. */
function messageUrl(config: GotifyConfig): string {
  const url = new URL('message', config.url.endsWith('/') ? config.url : `${config.url}/`);
  url.searchParams.set('token', config.token);
  return url.toString();
}

function message(ctx: NotificationContext, siteRoot: string): string {
  const link = `[${checkName(ctx.check)}](${cloakedUrl(siteRoot, ctx.check)})`;
  const headline = ctx.status === 'down' ? `🔴 The check ${link} is **DOWN**.` : `🟢 The check ${link} is now **UP**.`;
  const sentence = statusSentence(ctx);
  return [sentence ? `${headline} ${sentence}` : headline, '', ...markdownFacts(ctx), ...otherChecksLines(ctx)].join('\n');
}

export const gotifyIntegration = defineIntegration<GotifyConfig>({
  kind: 'gotify',
  label: 'Gotify',
  configSchema: configObject(fields),
  fromStored: (value) => parseStoredJson('gotify', value, z.object(fields)),
  toStored: (config) => JSON.stringify(config),
  secretFields: ['token'],
  isNoop: (config, status) => priorityOf(config, status) === 0,
  async notify(ctx, config, io) {
    if (!io.settings.gotifyEnabled) return failed('Gotify notifications are not enabled.');
    let url: string;
    try {
      url = messageUrl(config);
    } catch {
      return failed('Connection failed');
    }
    const result = await io.http.send({
      method: 'POST',
      url,
      json: {
        title: statusTitle(ctx),
        message: message(ctx, io.siteRoot),
        extras: { 'client::display': { contentType: 'text/markdown' } },
        priority: priorityOf(config, ctx.status),
      },
    });
    return deliveryOf(result);
  },
});
