import { z } from 'zod';
import { configObject, parseStoredJson, requiredString } from './config-fields.js';
import { deliveryOf, defineIntegration, failed } from './integration.js';
import { markdownFacts } from './incident-text.js';
import { checkName, cloakedUrl, statusSentence } from './message-parts.js';
import type { NotificationContext } from './notification-context.js';

/** `board_name` and `list_name` only label the channel; cards go to `list_id`. */
export interface TrelloConfig {
  token: string;
  list_id: string;
  board_name: string;
  list_name: string;
}

const fields = {
  token: requiredString('token'),
  list_id: requiredString('list_id'),
  board_name: z.string({ error: 'board_name must be a string' }).default(''),
  list_name: z.string({ error: 'list_name must be a string' }).default(''),
};

function cardDescription(ctx: NotificationContext, siteName: string, siteRoot: string): string {
  const paragraphs: string[] = [];
  if (ctx.check.desc) paragraphs.push(ctx.check.desc);
  const sentence = statusSentence(ctx);
  if (sentence) paragraphs.push(sentence);
  paragraphs.push(markdownFacts(ctx).join('\n'), `[Full details on ${siteName}](${cloakedUrl(siteRoot, ctx.check)})`);
  return paragraphs.join('\n\n');
}

export const trelloIntegration = defineIntegration<TrelloConfig>({
  kind: 'trello',
  label: 'Trello',
  configSchema: configObject(fields),
  fromStored: (value) => parseStoredJson('trello', value, z.object(fields)),
  toStored: (config) => JSON.stringify(config),
  secretFields: ['token'],
  isNoop: (_config, status) => status !== 'down',
  async notify(ctx, config, io) {
    const { appKey, apiUrl } = io.settings.trello;
    if (!appKey) return failed('Trello notifications are not enabled.');
    const query = new URLSearchParams({
      idList: config.list_id,
      name: `Down: ${checkName(ctx.check)}`,
      desc: cardDescription(ctx, io.siteName, io.siteRoot),
      key: appKey,
      token: config.token,
    });
    const result = await io.http.send({ method: 'POST', url: `${apiUrl}/1/cards?${query.toString()}` });
    return deliveryOf(result);
  },
});
